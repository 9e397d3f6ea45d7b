#!/usr/bin/env python3
"""A TCP proxy that adds latency, for bench/reliability/faults.sh (Python 3 standard library only).

    python3 bench/reliability/slowproxy.py --listen-port-file F --to 127.0.0.1:27018 --delay-ms 20

Every chunk of bytes, in each direction, is held --delay-ms before it is passed on: a MongoDB
command and its answer each take that much longer (a slow disk or a distant replica set).
"""
import argparse
import socket
import threading
import time


def pump(src, dst, delay):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            if delay:
                time.sleep(delay)
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--listen-port-file", required=True)
    p.add_argument("--to", required=True)
    p.add_argument("--delay-ms", type=float, default=20)
    args = p.parse_args()
    host, port = args.to.rsplit(":", 1)
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(128)
    with open(args.listen_port_file + ".tmp", "w") as f:
        f.write(str(server.getsockname()[1]))
    import os
    os.replace(args.listen_port_file + ".tmp", args.listen_port_file)
    while True:
        client, _ = server.accept()
        try:
            upstream = socket.create_connection((host, int(port)), timeout=5)
            upstream.settimeout(None)
        except OSError:
            client.close()
            continue
        for a, b in ((client, upstream), (upstream, client)):
            threading.Thread(target=pump, args=(a, b, args.delay_ms / 1000), daemon=True).start()


if __name__ == "__main__":
    main()
