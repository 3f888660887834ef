#!/usr/bin/env python3
"""Signs a request body the way each chat platform does, with the platform's own library.

Usage: platform-sign.py PLATFORM KEY TIMESTAMP [DELIVERY-ID] < body
Prints the headers to send, one JSON array of [name, value] pairs.

       platform-sign.py slack-view - - < view.json
       platform-sign.py slack-blocks - - < message.json
Validates a Slack modal view or a message's blocks with slack_sdk's models (the limits Slack
enforces: lengths, counts, element types); prints "ok" or the first problem and exits 1.

  slack    KEY is the signing secret          (slack_sdk's SignatureVerifier)
  discord  KEY is the Ed25519 seed in hex     (PyNaCl, as discord.py and Discord's examples use)
  webhook  KEY is the whsec_... secret         (standardwebhooks, the Standard Webhooks reference)
  teams    KEY is the base64 HMAC key          (Microsoft publishes no library: hmac, as its docs show)
"""
import base64
import datetime
import hashlib
import hmac
import json
import sys


def main() -> None:
    platform, key, timestamp = sys.argv[1], sys.argv[2], sys.argv[3]
    delivery = sys.argv[4] if len(sys.argv) > 4 else None
    body = sys.stdin.buffer.read()
    if platform in ("slack-view", "slack-blocks"):
        from slack_sdk.models.blocks import Block
        from slack_sdk.models.views import View
        try:
            if platform == "slack-view":
                View(**json.loads(body)).validate_json()
            else:
                for block in json.loads(body).get("blocks", []):
                    parsed = Block.parse(block)
                    if parsed is None:
                        raise ValueError(f"unknown block {block.get('type')}")
                    parsed.validate_json()
        except Exception as problem:  # slack_sdk raises SlackObjectFormationError and others
            print(f"invalid: {problem}")
            sys.exit(1)
        print("ok")
        return
    if platform == "slack":
        from slack_sdk.signature import SignatureVerifier
        signature = SignatureVerifier(signing_secret=key).generate_signature(timestamp=timestamp, body=body.decode("utf-8"))
        headers = [["X-Slack-Request-Timestamp", timestamp], ["X-Slack-Signature", signature]]
    elif platform == "discord":
        from nacl.signing import SigningKey
        signed = SigningKey(bytes.fromhex(key)).sign(timestamp.encode() + body)
        headers = [["X-Signature-Ed25519", signed.signature.hex()], ["X-Signature-Timestamp", timestamp]]
    elif platform == "webhook":
        from standardwebhooks.webhooks import Webhook
        when = datetime.datetime.fromtimestamp(int(timestamp), tz=datetime.timezone.utc)
        signature = Webhook(key).sign(delivery, when, body.decode("utf-8"))
        headers = [["webhook-id", delivery], ["webhook-timestamp", timestamp], ["webhook-signature", signature]]
    elif platform == "teams":
        digest = hmac.new(base64.b64decode(key), body, hashlib.sha256).digest()
        headers = [["Authorization", "HMAC " + base64.b64encode(digest).decode()]]
    else:
        sys.exit(f"unknown platform {platform}")
    json.dump(headers, sys.stdout)


if __name__ == "__main__":
    main()
