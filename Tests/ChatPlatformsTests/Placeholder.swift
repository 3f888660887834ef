// ChatPlatformsTests
