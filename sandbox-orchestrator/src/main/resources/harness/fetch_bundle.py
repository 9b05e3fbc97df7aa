#!/usr/bin/env python3
"""PowerX Dev Hotload — the init step of a python sandbox pod (kubernetes driver, docs/sandbox-orchestrator.md).

Fetches one bundle version's blobs from session-service with the service token into PX_BUNDLE_DIR, checking each
hash. Runs in its own container before the harness, so the token never reaches the plugin's container.
"""
import hashlib
import json
import os
import re
import sys
import urllib.request


def main():
    env = os.environ
    root = os.path.realpath(env.get("PX_BUNDLE_DIR", ""))
    files = json.loads(env.get("PX_BUNDLE_FILES", "[]"))
    for file in files:
        target = os.path.realpath(os.path.join(root, file["path"]))
        if os.path.isabs(file["path"]) or not target.startswith(root + os.sep) or not re.fullmatch(r"[0-9a-f]{64}", file["sha256"]):
            sys.exit(f"invalid bundle entry {file!r}")
        request = urllib.request.Request(f"{env['PX_SESSION_SERVICE_URL']}/internal/dev/plugins/blobs/{file['sha256']}",
                                         headers={"X-Session-Id": env.get("PX_SANDBOX_SESSION", "")})
        if env.get("PX_SERVICE_TOKEN"):
            request.add_header("Authorization", "Bearer " + env["PX_SERVICE_TOKEN"])
        with urllib.request.urlopen(request, timeout=120) as response:
            data = response.read()
        actual = hashlib.sha256(data).hexdigest()
        if actual != file["sha256"]:
            sys.exit(f"blob {file['sha256']} arrived with content hash {actual}")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as out:
            out.write(data)
    print(f"fetched {len(files)} files into {root}")


if __name__ == "__main__":
    main()
