"""The client side of bench/photo-bomb.sh (run it through that script).

    photo-bomb.py make DIR WxH          writes DIR/bomb.png and DIR/phone.jpg
    photo-bomb.py burst PORT DIR N K    N concurrent requests of K bombs each: "status seconds" lines
    photo-bomb.py normal PORT DIR DB    one request with the phone photo: "status seconds stored"
"""

import http.client
import json
import os
import sqlite3
import struct
import sys
import threading
import time
import uuid
import zlib

SUBMIT = "/api/submit_alteration_request"


def png_bomb(width, height):
    """Black RGB pixels, filter 0 on every row: ~0.3 MB that decode to width * height * 3 bytes."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = bytes(1 + width * 3)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def phone_photo():
    """4000 x 3000 JPEG, gradients under noise: weighs what a 12 MP phone photo weighs (~3-4 MB)."""
    import io

    from PIL import Image, ImageChops

    size = (4000, 3000)
    gradient = Image.linear_gradient("L").resize(size)
    flipped = gradient.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    channels = [
        ImageChops.add(base, Image.effect_noise(size, 24), scale=2.0, offset=-64)
        for base in (gradient, flipped, gradient.transpose(Image.Transpose.ROTATE_180))
    ]
    out = io.BytesIO()
    Image.merge("RGB", channels).save(out, "JPEG", quality=88)
    return out.getvalue()


def get_json(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        sys.exit(f"GET {path}: {response.status} {body[:200]!r}")
    return json.loads(body)


def request_body(port, photos):
    """The form as the request page sends it: one line per photo, a fresh key from step 2."""
    service = get_json(port, "/api/list_alteration_services")[0]["id"]
    draft = get_json(port, f"/api/get_alteration_draft?choices={service}:1")
    boundary = uuid.uuid4().hex
    parts = []

    def field(name, value, filename=None):
        disposition = f'form-data; name="{name}"'
        head = f"--{boundary}\r\nContent-Disposition: {disposition}"
        if filename is not None:
            head += f'; filename="{filename}"\r\nContent-Type: application/octet-stream'
        parts.append(head.encode() + b"\r\n\r\n" + value + b"\r\n")

    field("idempotency_key", draft["idempotency_key"].encode())
    for i, (name, data) in enumerate(photos):
        field(f"item_service_{i}", str(service).encode())
        field(f"item_quantity_{i}", b"1")
        field(f"item_note_{i}", b"")
        field(f"item_photo_{i}", data, name)
    for name, value in [
        ("dropoff_date", draft["days"][0]),
        ("partner_id", ""),
        ("contact_name", "Fatou Ndiaye"),
        ("phone", "06 12 34 56 78"),
        ("email", ""),
        ("consent", "oui"),
    ]:
        field(name, value.encode())
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", body


def submit(port, content_type, body):
    """Status, seconds to the last byte of the answer, and the answer."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    started = time.monotonic()
    conn.request(
        "POST",
        SUBMIT,
        body=body,
        headers={"Content-Type": content_type, "Sec-Fetch-Site": "same-origin"},
    )
    response = conn.getresponse()
    answer = response.read()
    return response.status, time.monotonic() - started, answer


def main():
    mode = sys.argv[1]
    if mode == "make":
        folder, size = sys.argv[2], sys.argv[3]
        width, height = (int(n) for n in size.split("x"))
        with open(os.path.join(folder, "bomb.png"), "wb") as f:
            f.write(png_bomb(width, height))
        with open(os.path.join(folder, "phone.jpg"), "wb") as f:
            f.write(phone_photo())
    elif mode == "burst":
        port, folder, n, k = int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
        with open(os.path.join(folder, "bomb.png"), "rb") as f:
            bomb = f.read()
        bodies = [request_body(port, [("noir.png", bomb)] * k) for _ in range(n)]
        results = [None] * n
        start = threading.Barrier(n)

        def one(i):
            start.wait()
            status, seconds, _ = submit(port, *bodies[i])
            results[i] = (status, seconds)

        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for status, seconds in results:
            print(f"{status} {seconds:.3f}")
    elif mode == "normal":
        port, folder, db = int(sys.argv[2]), sys.argv[3], sys.argv[4]
        with open(os.path.join(folder, "phone.jpg"), "rb") as f:
            photo = f.read()
        count = "SELECT count(*) FROM alteration_photo"
        with sqlite3.connect(db) as conn:
            before = conn.execute(count).fetchone()[0]
        status, seconds, answer = submit(port, *request_body(port, [("ourlet.jpg", photo)]))
        with sqlite3.connect(db) as conn:
            after = conn.execute(count).fetchone()[0]
            size = conn.execute(
                "SELECT width || 'x' || height FROM alteration_photo ORDER BY rowid DESC LIMIT 1"
            ).fetchone()
        accepted = status < 400 and after == before + 1
        print(f"{status} {seconds:.3f} {len(photo)} {size[0] if accepted else 'none'}")
        if not accepted:
            print(answer[:300].decode(errors="replace"), file=sys.stderr)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
