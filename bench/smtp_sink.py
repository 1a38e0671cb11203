#!/usr/bin/env python3
"""A minimal SMTP server for bench/notify.sh: speaks enough ESMTP for a client to deliver, accepts
every message, and writes to STATUS_FILE the number of messages accepted and the time (epoch
seconds) of the last "250" after DATA. Nothing is kept but the count (and the recipients' domains).
usage: smtp_sink.py PORT STATUS_FILE"""
import asyncio
import sys
import time

PORT = int(sys.argv[1])
STATUS = sys.argv[2]
accepted = 0
last = 0.0
first = 0.0


def write_status():
    with open(STATUS + ".tmp", "w") as f:
        f.write(f"{accepted} {first:.3f} {last:.3f}\n")
    import os
    os.replace(STATUS + ".tmp", STATUS)


async def session(reader, writer):
    global accepted, last, first
    writer.write(b"220 bench-sink ESMTP\r\n")
    await writer.drain()
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            cmd = line[:4].upper()
            if cmd in (b"EHLO", b"HELO"):
                writer.write(b"250 bench-sink\r\n")
            elif cmd == b"DATA":
                writer.write(b"354 go on\r\n")
                await writer.drain()
                while True:
                    body = await reader.readline()
                    if not body or body in (b".\r\n", b".\n"):
                        break
                accepted += 1
                last = time.time()
                if accepted == 1:
                    first = last
                writer.write(b"250 OK queued\r\n")
                write_status()
            elif cmd == b"QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                break
            else:
                writer.write(b"250 OK\r\n")
            await writer.drain()
    finally:
        writer.close()


async def main():
    write_status()
    server = await asyncio.start_server(session, "127.0.0.1", PORT, backlog=256)
    async with server:
        await server.serve_forever()


asyncio.run(main())
