#!/usr/bin/env python3
"""An independent verifier of a Trust Center governance-log export, written from
docs/governance-log.md alone (Python 3.9+ and the `cryptography` package).

    python3 verify_governance_log.py export.jsonl [trusted-keys.json] [--previous-head SEQ:HASH]

Exit 0 and one line starting with OK, or exit 1 and the first problem."""
import argparse
import base64
import hashlib
import json
import re
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

EVENT_KEYS = ["actor", "actor_kind", "chain", "id", "kind", "payload", "policy", "reason", "seq", "subject", "time"]
EVENT_LINE = re.compile(r'^\{"event":(\{.*\}),"hash":"([0-9a-f]{64})","type":"event"\}$', re.S)
ZERO = "0" * 64


class Bad(Exception):
    pass


def canonical(value):
    # RFC 8785 for the values the log admits: ASCII keys, integers, strings, booleans, null.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def parse_canonical(text, what):
    try:
        value = json.loads(text, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))
    except ValueError:
        raise Bad("the line is not valid JSON")
    if not isinstance(value, dict):
        raise Bad("the line is not a JSON object")
    if canonical(value) != text:
        raise Bad(f"the {what} is not in RFC 8785 canonical form")
    return value


def b64url(data):
    return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))


def canonical_b64url(data, size):
    # Exactly one spelling per value: decoding and encoding again gives the same text.
    try:
        raw = b64url(data)
    except (ValueError, TypeError):
        return False
    return len(raw) == size and base64.urlsafe_b64encode(raw).rstrip(b"=").decode() == data


def thumbprint(x):
    member = '{"crv":"Ed25519","kty":"OKP","x":"%s"}' % x
    return base64.urlsafe_b64encode(hashlib.sha256(member.encode()).digest()).rstrip(b"=").decode()


def load_keys(keys):
    out = {}
    for k in keys:
        if k.get("kty") != "OKP" or k.get("crv") != "Ed25519" or not isinstance(k.get("x"), str):
            raise Bad("a key is not an Ed25519 JWK")
        out[thumbprint(k["x"])] = Ed25519PublicKey.from_public_bytes(b64url(k["x"]))
    return out


def verify(path, trusted=None, previous=None):
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    if not data.endswith(b"\n"):
        return False, f"FAILED at line {len(lines)}: the file does not end with a line feed (LF)"
    lines.pop()
    hashes, prev, header, keys, covered, checkpoints, actors = [ZERO], ZERO, None, None, -1, 0, False
    for number, raw in enumerate(lines, 1):
        try:
            if raw == b"":
                raise Bad("an empty line is followed by more lines")
            text = raw.decode("utf-8")
            if header is None:
                header = parse_canonical(text, "header")
                if header.get("type") != "header" or header.get("format") != "trust-center-governance-log" or header.get("version") != 1:
                    raise Bad("the first line is not a version 1 header")
                listed = load_keys(header["keys"]["keys"])
                if any(k["kid"] != thumbprint(k["x"]) for k in header["keys"]["keys"]):
                    raise Bad("a listed key's kid is not its thumbprint")
                keys = trusted if trusted is not None else listed
                continue
            match = EVENT_LINE.match(text) if not actors else None
            if match:
                event_text, event_hash = match.groups()
                event = parse_canonical(event_text, "event")
                if sorted(event) != EVENT_KEYS or event["chain"] != header["chain"]:
                    raise Bad("the event's fields or chain are wrong")
                if event["seq"] != len(hashes):
                    raise Bad(f"event sequence {event['seq']} where {len(hashes)} was expected")
                computed = hashlib.sha256(bytes.fromhex(prev) + event_text.encode("utf-8")).hexdigest()
                if computed != event_hash:
                    raise Bad(f"event {event['seq']} ({event['id']}): the hash does not match")
                if previous and event["seq"] == previous[0] and event_hash != previous[1]:
                    raise Bad(f"event {event['seq']} ({event['id']}): the hash differs from the previous head's (the log was rewritten)")
                hashes.append(event_hash)
                prev = event_hash
                continue
            line = parse_canonical(text, "line")
            if line.get("type") == "checkpoint" and not actors:
                body = line["checkpoint"]
                if sorted(line) != ["checkpoint", "kid", "signature", "type"] or sorted(body) != ["chain", "hash", "seq", "time"]:
                    raise Bad("the checkpoint is malformed")
                if body["chain"] != header["chain"] or body["seq"] >= len(hashes) or hashes[body["seq"]] != body["hash"]:
                    raise Bad(f"the checkpoint at sequence {body['seq']} does not match the chain")
                if line["kid"] not in keys:
                    raise Bad(f"the checkpoint is signed by an unknown key {line['kid']}")
                if not isinstance(line["signature"], str) or not canonical_b64url(line["signature"], 64):
                    raise Bad(f"the checkpoint's signature at sequence {body['seq']} is not canonical base64url of 64 bytes")
                try:
                    keys[line["kid"]].verify(b64url(line["signature"]), canonical(body).encode("utf-8"))
                except InvalidSignature:
                    raise Bad(f"the checkpoint's signature at sequence {body['seq']} does not verify")
                checkpoints += 1
                covered = max(covered, body["seq"])
                continue
            if line.get("type") == "actor":
                actors = True
                continue
            raise Bad("unexpected line")
        except (Bad, KeyError, TypeError, UnicodeDecodeError) as problem:
            return False, f"FAILED at line {number}: {problem}"
    if header is None or checkpoints == 0:
        return False, "FAILED: no header or no signed checkpoint"
    if covered < len(hashes) - 1:
        return False, f"FAILED: events after sequence {covered} are not covered by a signed checkpoint"
    if previous and (previous[0] >= len(hashes) or hashes[previous[0]] != previous[1]):
        return False, f"FAILED: the log does not extend the previous head {previous[0]}:{previous[1]} (it ends at sequence {len(hashes) - 1}: cut short or rolled back)"
    return True, f"OK {header['chain']}: {len(hashes) - 1} events, head {len(hashes) - 1}:{prev}, {checkpoints} signed checkpoints"


def head(text):
    match = re.fullmatch(r"(0|[1-9][0-9]{0,15}):([0-9a-f]{64})", text)
    if not match or (match[1] == "0" and match[2] != ZERO):
        raise argparse.ArgumentTypeError("give the head as SEQ:HASH, from the summary line of an earlier verification")
    return int(match[1]), match[2]


if __name__ == "__main__":
    arguments = argparse.ArgumentParser(description="Verify a Trust Center governance-log export.")
    arguments.add_argument("export")
    arguments.add_argument("trusted_keys", nargs="?", help="a JWK or JWK set to pin")
    arguments.add_argument("--previous-head", type=head, metavar="SEQ:HASH", help="fail unless the log extends this head")
    args = arguments.parse_args()
    trusted = None
    if args.trusted_keys:
        with open(args.trusted_keys) as f:
            given = json.load(f)
        trusted = load_keys(given["keys"] if "keys" in given else [given])
    ok, summary = verify(args.export, trusted, args.previous_head)
    print(summary)
    sys.exit(0 if ok else 1)
