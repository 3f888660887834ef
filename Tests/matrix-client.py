#!/usr/bin/env python3
"""Sends a message to a Matrix room the way a person's chat client does, with matrix-nio (a real
Matrix client library), for okrd's Matrix reply tests. Prints the event id.

    matrix-client.py HOMESERVER USER_ID ACCESS_TOKEN ROOM_ID TEXT [--html HTML]
"""
import asyncio
import sys

from nio import AsyncClient, RoomSendResponse


async def main() -> int:
    homeserver, user_id, token, room, text = sys.argv[1:6]
    content = {"msgtype": "m.text", "body": text}
    if len(sys.argv) > 7 and sys.argv[6] == "--html":
        content.update({"format": "org.matrix.custom.html", "formatted_body": sys.argv[7]})
    client = AsyncClient(homeserver, user_id, device_id="OKRDCLIENT")
    client.access_token = token
    client.user_id = user_id
    try:
        response = await client.room_send(room, "m.room.message", content, ignore_unverified_devices=True)
        if not isinstance(response, RoomSendResponse):
            print(f"matrix-client: send failed: {response}", file=sys.stderr)
            return 1
        print(response.event_id)
        return 0
    finally:
        await client.close()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
