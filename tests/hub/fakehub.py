#!/usr/bin/env python3
"""A small Hugging Face Hub on 127.0.0.1 for DomainTune's download tests and benchmark.

It serves model folders in the Hub's URL scheme, the parts huggingface_hub and DomainTune use:

  GET  /api/models/{id}/revision/{rev}      {"id", "sha", "siblings": [{"rfilename"}]}
  HEAD /{id}/resolve/{rev}/{file}           X-Repo-Commit, ETag (git blob SHA-1), or for
  GET  /{id}/resolve/{rev}/{file}           large files a 302 to /cdn/{id}/{sha256} with
                                            X-Linked-Etag (the SHA-256) and X-Linked-Size
  GET  /cdn/{id}/{sha256}                   the bytes, with Range support (206)

Behaviours per repository, from the JSON config given with --config:

  {"token": "secret",
   "repos": {"org/name": {"dir": "/path/to/model/folder", "commit": "40 hex digits",
                          "private": false,           # 401 without "Authorization: Bearer secret"
                          "interrupt": ["file"],      # first full GET of the blob stops halfway
                          "corrupt": ["file"]}}}      # the blob is served with one byte changed

Every request is appended to --log as one JSON line (method, path, range). Prints
"PORT <n>" on stdout once listening, and exits by itself after --max-seconds.
"""
import argparse
import hashlib
import http.server
import json
import os
import re
import threading
import urllib.parse

LFS_SUFFIXES = (".safetensors", ".bin", ".model", ".h5", ".msgpack", ".onnx")


class Repo:
    def __init__(self, repo_id, spec):
        self.id = repo_id
        self.dir = spec["dir"]
        self.commit = spec["commit"]
        self.private = spec.get("private", False)
        self.interrupt = set(spec.get("interrupt", []))
        self.corrupt = set(spec.get("corrupt", []))
        self.files = {}
        for root, _, names in os.walk(self.dir):
            for name in names:
                path = os.path.join(root, name)
                rel = os.path.relpath(path, self.dir)
                self.files[rel] = path

    def is_lfs(self, rel):
        return rel.endswith(LFS_SUFFIXES)


class State:
    def __init__(self, config, log_path):
        self.token = config.get("token", "")
        self.repos = {rid: Repo(rid, spec) for rid, spec in config["repos"].items()}
        self.blobs = {}  # (repo id, sha256) -> rel
        self.sha = {}
        for repo in self.repos.values():
            for rel, path in repo.files.items():
                if repo.is_lfs(rel):
                    digest = self.sha256(path)
                    self.blobs[(repo.id, digest)] = rel
        self.interrupted = set()
        self.lock = threading.Lock()
        self.log_path = log_path

    def sha256(self, path):
        if path not in self.sha:
            h = hashlib.sha256()
            with open(path, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            self.sha[path] = h.hexdigest()
        return self.sha[path]

    def log(self, entry):
        if not self.log_path:
            return
        with self.lock, open(self.log_path, "a") as f:
            f.write(json.dumps(entry) + "\n")


def git_blob_sha1(path):
    with open(path, "rb") as f:
        data = f.read()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=None, content_type="application/json"):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def error(self, status, message, code=""):
        body = json.dumps({"error": message}).encode()
        self.reply(status, body, {"X-Error-Code": code} if code else None)

    def find_repo(self, repo_id):
        repo = self.state.repos.get(repo_id)
        if repo is None:
            self.error(404, "Repository not found", "RepoNotFound")
            return None
        if repo.private:
            expected = "Bearer " + self.state.token
            if self.headers.get("Authorization", "") != expected:
                self.error(401, "Invalid credentials in Authorization header", "GatedRepo")
                return None
        return repo

    def revision_ok(self, repo, rev):
        if rev in ("main", repo.commit):
            return True
        self.error(404, "Invalid rev id: " + rev, "RevisionNotFound")
        return False

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        self.state.log({"method": self.command, "path": path,
                        "range": self.headers.get("Range", "")})
        m = re.fullmatch(r"/api/models/(.+)/revision/([^/]+)", path)
        if m:
            return self.listing(m.group(1), m.group(2))
        m = re.fullmatch(r"/cdn/(.+)/([0-9a-f]{64})", path)
        if m:
            return self.blob(m.group(1), m.group(2))
        m = re.fullmatch(r"/((?:[^/]+/)?[^/]+)/resolve/([^/]+)/(.+)", path)
        if m:
            return self.resolve(m.group(1), m.group(2), m.group(3))
        self.error(404, "Not found")

    def listing(self, repo_id, rev):
        repo = self.find_repo(repo_id)
        if repo is None or not self.revision_ok(repo, rev):
            return
        body = json.dumps({"id": repo.id, "sha": repo.commit,
                           "siblings": [{"rfilename": rel} for rel in sorted(repo.files)]})
        self.reply(200, body.encode())

    def resolve(self, repo_id, rev, rel):
        repo = self.find_repo(repo_id)
        if repo is None or not self.revision_ok(repo, rev):
            return
        if rel not in repo.files:
            return self.error(404, "Entry not found", "EntryNotFound")
        path = repo.files[rel]
        headers = {"X-Repo-Commit": repo.commit}
        if repo.is_lfs(rel):
            digest = self.state.sha256(path)
            headers.update({"Location": "/cdn/%s/%s" % (repo.id, digest), "X-Linked-Etag": '"%s"' % digest,
                            "X-Linked-Size": str(os.path.getsize(path)), "ETag": '"%s"' % digest})
            return self.reply(302, b"", headers)
        with open(path, "rb") as f:
            data = f.read()
        headers["ETag"] = '"%s"' % git_blob_sha1(path)
        self.reply(200, data, headers, "application/octet-stream")

    def blob(self, repo_id, digest):
        rel = self.state.blobs.get((repo_id, digest))
        if rel is None:
            return self.error(404, "Not found")
        repo = self.state.repos[repo_id]
        path = repo.files[rel]
        size = os.path.getsize(path)
        start = 0
        m = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range", ""))
        if m:
            start = int(m.group(1))
            if start >= size:
                return self.reply(416, b"", {"Content-Range": "bytes */%d" % size})
        self.send_response(206 if m else 200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(size - start))
        self.send_header("Accept-Ranges", "bytes")
        if m:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, size - 1, size))
        self.end_headers()
        if self.command == "HEAD":
            return
        with self.state.lock:
            cut = rel in repo.interrupt and (repo.id, rel) not in self.state.interrupted and not m
            if cut:
                self.state.interrupted.add((repo.id, rel))
        with open(path, "rb") as f:
            if rel in repo.corrupt:
                data = bytearray(f.read())
                data[len(data) // 2] ^= 0xFF
                self.wfile.write(bytes(data[start:]))
                return
            if cut:  # half of it, then the connection drops
                self.wfile.write(f.read((size - start) // 2))
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(2)
                return
            self.wfile.flush()
            self.connection.sendfile(f, start, size - start)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--log", default="")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=600)
    args = parser.parse_args()
    with open(args.config) as f:
        config = json.load(f)
    Handler.state = State(config, args.log)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    threading.Timer(args.max_seconds, server.shutdown).start()
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
