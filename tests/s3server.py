#!/usr/bin/env python3
"""Start, set up and stop the real S3 servers the tests use, all on 127.0.0.1.

    python3 tests/s3server.py start moto|rgw WORKDIR   # starts it, writes WORKDIR/env, returns
    python3 tests/s3server.py stop WORKDIR             # stops every process it started
    python3 tests/s3server.py gateway stop|start WORKDIR  # RGW only: stops or restarts the S3 gateway

Both servers check SigV4 signatures: moto in its IAM mode (INITIAL_NO_AUTH_ACTION_COUNT), Ceph RGW always.
Each gets fresh random credentials and four buckets: versioned, never versioned, suspended, and versioned
with a CORS configuration that exposes no headers.
RGW also has STS: user alice has no rights of her own but may assume a role that reads and writes her
prefixes (workspace/alice/, published/alice/) of the versioned bucket; tests/credserver.py hands out such
temporary credentials.
WORKDIR/env holds `export NAME=value` lines for the tests; it contains the (throwaway) secret, so it is
never printed.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import uuid
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

HOST = "127.0.0.1"
BUCKET = "bookstore-test"
UNVERSIONED_BUCKET = "bookstore-unversioned"
SUSPENDED_BUCKET = "bookstore-suspended"
# Versioned, but its CORS configuration exposes no headers: a browser cannot read ETag or version ids.
HIDDEN_HEADERS_BUCKET = "bookstore-hidden-headers"
# RGW only: the STS user and the role it may assume.
STS_USER = "alice"
STS_ROLE = "bookstore-notebooks"
SHARED_ROLE = "bookstore-all-users"
# moto only: the role a web-identity token may assume.
WEB_ROLE = "bookstore-web"
# The origins a browser test or the demo may use; CORS must also expose the headers the client reads.
CORS_RULE = Path(__file__).resolve().parent.parent / "lab-extension" / "src" / "bucket" / "cors-rule.json"
CORS_ORIGINS = os.environ.get("BOOKSTORE_CORS_ORIGINS", "http://127.0.0.1:8888,http://localhost:8888").split(",")


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def is_open(port):
    try:
        socket.create_connection((HOST, port), timeout=0.5).close()
        return True
    except OSError:
        return False


def port_opens(port, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.2)
    return False


def wait_for_port(port, seconds, what):
    if not port_opens(port, seconds):
        sys.exit(f"{what} did not open port {port} within {seconds} s; see the logs in its work directory")


def s3_client(endpoint, key, secret):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 10, "mode": "standard"}),
    )


def create_buckets(s3):
    # The rule users are told to apply (README), from its one source, for the test origins.
    rule = json.loads(CORS_RULE.read_text())
    cors = {"CORSRules": [{**rule, "AllowedOrigins": CORS_ORIGINS}]}
    for bucket in (BUCKET, UNVERSIONED_BUCKET, SUSPENDED_BUCKET):
        s3.create_bucket(Bucket=bucket)
        s3.put_bucket_cors(Bucket=bucket, CORSConfiguration=cors)
    s3.create_bucket(Bucket=HIDDEN_HEADERS_BUCKET)
    hidden = {"CORSRules": [{k: v for k, v in cors["CORSRules"][0].items() if k != "ExposeHeaders"}]}
    s3.put_bucket_cors(Bucket=HIDDEN_HEADERS_BUCKET, CORSConfiguration=hidden)
    for bucket in (BUCKET, HIDDEN_HEADERS_BUCKET):
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_versioning(Bucket=SUSPENDED_BUCKET, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_versioning(Bucket=SUSPENDED_BUCKET, VersioningConfiguration={"Status": "Suspended"})


def check_signatures_are_verified(endpoint, key):
    """A server that accepts a wrong secret would make the credential tests meaningless."""
    try:
        s3_client(endpoint, key, "wrong-" + secrets.token_hex(8)).list_objects_v2(Bucket=BUCKET)
    except ClientError as e:
        if e.response["Error"]["Code"] == "SignatureDoesNotMatch":
            return
        sys.exit(f"expected SignatureDoesNotMatch for a wrong secret, got {e.response['Error']['Code']}")
    sys.exit("the S3 server accepted a wrong secret: signature checking is off")


def spawn(workdir, name, argv, env=None):
    log = open(workdir / f"{name}.log", "ab")
    proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    (workdir / f"{name}.spawned.pid").write_text(str(proc.pid))
    return proc


def start_moto(workdir):
    port = free_port()
    # moto lets the first N requests through unauthenticated, then checks signatures and IAM policies:
    # exactly N = 5 calls create the user, its policy and its key, and the web-identity role and its policy.
    env = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="5", MOTO_ALLOW_NONEXISTENT_REGION="true")
    launcher = Path(__file__).with_name("moto_server.py")
    spawn(workdir, "moto", [sys.executable, str(launcher), "-H", HOST, "-p", str(port)], env)
    wait_for_port(port, 30, "moto_server")
    endpoint = f"http://{HOST}:{port}"
    iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
    iam.create_user(UserName="bookstore")
    iam.put_user_policy(
        UserName="bookstore",
        PolicyName="s3",
        PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
        ),
    )
    created = iam.create_access_key(UserName="bookstore")["AccessKey"]
    key, secret = created["AccessKeyId"], created["SecretAccessKey"]
    web_role_arn = create_web_identity_role(iam)
    s3 = s3_client(endpoint, key, secret)
    create_buckets(s3)
    # moto refuses a browser's preflight on an existing key unless a bucket policy allows OptionsObject.
    for bucket in (BUCKET, UNVERSIONED_BUCKET, SUSPENDED_BUCKET, HIDDEN_HEADERS_BUCKET):
        s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:OptionsObject",
                           "Resource": f"arn:aws:s3:::{bucket}/*"}],
        }))
    return endpoint, key, secret, {"BOOKSTORE_TEST_WEB_ROLE_ARN": web_role_arn}


def create_web_identity_role(iam):
    """A role for holders of a web-identity token (moto does not check the token), reading and writing
    the bucket's two prefixes."""
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Federated": "accounts.example.org"},
        "Action": ["sts:AssumeRoleWithWebIdentity"]}]}
    role_arn = iam.create_role(RoleName=WEB_ROLE, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    iam.put_role_policy(RoleName=WEB_ROLE, PolicyName="notebooks", PolicyDocument=json.dumps(
        prefix_permissions(["workspace/*", "published/*"])))
    return role_arn


def prefix_permissions(patterns):
    """What Bookstore needs, in the bucket's keys matching `patterns`."""
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:ListBucket", "s3:ListBucketVersions", "s3:GetBucketVersioning"],
         "Resource": [f"arn:aws:s3:::{BUCKET}"]},
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
         "Resource": [f"arn:aws:s3:::{BUCKET}/{pattern}" for pattern in patterns]},
    ]}


CEPH_CONF = """\
[global]
fsid = {fsid}
mon_host = [v1:127.0.0.1:{mon_port}]
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
ms_bind_ipv6 = false
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
osd_pool_default_size = 1
osd_pool_default_min_size = 1
mon_allow_pool_size_one = true
osd_pool_default_pg_autoscale_mode = off
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
mon_warn_on_pool_no_redundancy = false
run_dir = {dir}/run
log_file = {dir}/log/$name.log
pid_file = {dir}/run/$name.pid
admin_socket = {dir}/run/$name.asok
keyring = {dir}/keyring
mon_data = {dir}/mon/$cluster-$id
osd_data = {dir}/osd/$cluster-$id

[osd]
osd_objectstore = memstore
memstore_device_bytes = {memstore_bytes}
osd_class_dir = /usr/lib/x86_64-linux-gnu/rados-classes

[client.rgw.bookstore]
rgw_frontends = beast endpoint=127.0.0.1:{rgw_port}
rgw_data = {dir}/rgw
rgw_sts_key = {sts_key}
rgw_s3_auth_use_sts = true
rgw_s3_auth_order = local, sts
# A lifecycle "day" lasts 10 seconds, so that `radosgw-admin lc process` expires versions in a test.
rgw_lc_debug_interval = 10
"""


class StartFailed(Exception):
    pass


def run(argv, timeout=120):
    result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise StartFailed(f"{' '.join(argv[:3])} failed ({result.returncode}): {result.stderr[-2000:]}")
    return result.stdout


def start_rgw(workdir, attempts=3):
    """Ceph's OSD sometimes fails its first boot with "wrong fsid" (seen about 1 start in 10 on a busy
    machine); a fresh cluster in a new folder then starts, so try a few times before giving up."""
    for attempt in range(1, attempts + 1):
        try:
            return start_rgw_once(workdir, workdir / f"ceph-{attempt}")
        except StartFailed as failure:
            print(f"Ceph RGW start {attempt} of {attempts} failed: {str(failure)[:300]}", file=sys.stderr)
            stop(workdir)
    sys.exit(f"Ceph RGW did not start in {attempts} attempts; logs are in {workdir}")


def start_rgw_once(workdir, ceph_dir):
    for sub in ("run", "log", "mon", "osd/ceph-0", "rgw"):
        (ceph_dir / sub).mkdir(parents=True, exist_ok=True)
    (ceph_dir / "keyring").write_text("")
    mon_port, rgw_port, fsid = free_port(), free_port(), str(uuid.uuid4())
    conf = ceph_dir / "ceph.conf"
    # The OSD keeps objects in memory; the benchmark stores more than the tests (bench/run raises this).
    memstore_bytes = int(os.environ.get("BOOKSTORE_RGW_MEMSTORE_BYTES", 1 << 30))
    # RGW encrypts its session tokens with this key: exactly 16 characters. The auth order puts the local
    # users first because RGW answers a refused request with the first auth engine's error: with STS first,
    # a wrong secret would get AccessDenied instead of SignatureDoesNotMatch. (So a bad or expired session
    # token gets InvalidAccessKeyId.)
    sts_key = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(16))
    conf.write_text(CEPH_CONF.format(fsid=fsid, mon_port=mon_port, rgw_port=rgw_port, dir=ceph_dir,
                                     memstore_bytes=memstore_bytes, sts_key=sts_key))
    c = ["-c", str(conf)]
    run(["monmaptool", "--create", "--fsid", fsid, "--addv", "a", f"[v1:127.0.0.1:{mon_port}]",
         str(ceph_dir / "monmap")])
    run(["ceph-mon", *c, "--mkfs", "-i", "a", "--monmap", str(ceph_dir / "monmap")])
    run(["ceph-mon", *c, "-i", "a"])
    osd_uuid = str(uuid.uuid4())
    osd_id = run(["ceph", *c, "osd", "new", osd_uuid], timeout=60).strip()
    run(["ceph-osd", *c, "-i", osd_id, "--mkfs", "--osd-uuid", osd_uuid])
    run(["ceph", *c, "osd", "crush", "add", f"osd.{osd_id}", "1.0", "host=localhost", "root=default"])
    run(["ceph-osd", *c, "-i", osd_id])
    run(["radosgw", *c, "-n", "client.rgw.bookstore"])
    if not port_opens(rgw_port, 120):
        raise StartFailed(f"radosgw did not open port {rgw_port} within 120 s")
    key, secret = "BOOKSTORE" + secrets.token_hex(6).upper(), secrets.token_urlsafe(30)
    run(["radosgw-admin", *c, "user", "create", "--uid", "bookstore", "--display-name", "Bookstore tests",
         "--access-key", key, "--secret", secret])
    endpoint = f"http://{HOST}:{rgw_port}"
    owner = s3_client(endpoint, key, secret)
    create_buckets(owner)
    # A second user whose only rights come from the least-privilege bucket policy the README documents.
    restricted_key, restricted_secret = "RESTRICTED" + secrets.token_hex(5).upper(), secrets.token_urlsafe(30)
    run(["radosgw-admin", *c, "user", "create", "--uid", "restricted", "--display-name", "Least privilege",
         "--access-key", restricted_key, "--secret", restricted_secret])
    policy = Path(__file__).with_name("least-privilege-policy.json").read_text()
    policy = policy.replace("BUCKET", BUCKET).replace("PRINCIPAL", "arn:aws:iam:::user/restricted")
    owner.put_bucket_policy(Bucket=BUCKET, Policy=policy)
    restricted = {
        "BOOKSTORE_TEST_RESTRICTED_ACCESS_KEY_ID": restricted_key,
        "BOOKSTORE_TEST_RESTRICTED_SECRET_ACCESS_KEY": restricted_secret,
    }
    # Lifecycle rules run when a test asks (`radosgw-admin -c CONF lc process`).
    admin = {"BOOKSTORE_TEST_RGW_CONF": str(conf)}
    return endpoint, key, secret, {**restricted, **admin, **set_up_sts(c, endpoint, key, secret)}


def compact(document):
    # RGW reads a `+` in a form-encoded body literally, so a policy with spaces fails to parse.
    return json.dumps(document, separators=(",", ":"))


def set_up_sts(c, endpoint, key, secret):
    """Alice, with no rights of her own, and the role she may assume: it reads and writes her prefixes."""
    run(["radosgw-admin", *c, "caps", "add", "--uid", "bookstore", "--caps", "roles=*"])
    alice_key, alice_secret = "ALICE" + secrets.token_hex(8).upper(), secrets.token_urlsafe(30)
    run(["radosgw-admin", *c, "user", "create", "--uid", STS_USER, "--display-name", "STS user",
         "--access-key", alice_key, "--secret", alice_secret])
    iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id=key, aws_secret_access_key=secret)
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": [f"arn:aws:iam:::user/{STS_USER}"]},
        "Action": ["sts:AssumeRole"]}]}
    roles = {}
    # Her own role, and one shared by every user that a session policy narrows (the server endpoint's).
    for name, patterns in ((STS_ROLE, [f"{p}/{STS_USER}/*" for p in ("workspace", "published")]),
                           (SHARED_ROLE, ["workspace/*", "published/*"])):
        roles[name] = iam.create_role(RoleName=name, AssumeRolePolicyDocument=compact(trust))["Role"]["Arn"]
        # IAM PutRolePolicy answers "Unknown" on this RGW; the admin tool sets the same policy.
        run(["radosgw-admin", *c, "role-policy", "put", "--role-name", name, "--policy-name", "notebooks",
             "--policy-doc", compact(prefix_permissions(patterns))])
    return {
        "BOOKSTORE_TEST_STS_ACCESS_KEY_ID": alice_key,
        "BOOKSTORE_TEST_STS_SECRET_ACCESS_KEY": alice_secret,
        "BOOKSTORE_TEST_STS_ROLE_ARN": roles[STS_ROLE],
        "BOOKSTORE_TEST_STS_SHARED_ROLE_ARN": roles[SHARED_ROLE],
        "BOOKSTORE_TEST_STS_USER": STS_USER,
    }


def start(kind, workdir):
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    endpoint, key, secret, extra = {"moto": start_moto, "rgw": start_rgw}[kind](workdir)
    check_signatures_are_verified(endpoint, key)
    values = {
        "BOOKSTORE_TEST_SERVER": kind,
        "BOOKSTORE_TEST_ENDPOINT": endpoint,
        "BOOKSTORE_TEST_ACCESS_KEY_ID": key,
        "BOOKSTORE_TEST_SECRET_ACCESS_KEY": secret,
        "BOOKSTORE_TEST_BUCKET": BUCKET,
        "BOOKSTORE_TEST_UNVERSIONED_BUCKET": UNVERSIONED_BUCKET,
        "BOOKSTORE_TEST_SUSPENDED_BUCKET": SUSPENDED_BUCKET,
        "BOOKSTORE_TEST_HIDDEN_HEADERS_BUCKET": HIDDEN_HEADERS_BUCKET,
        **extra,
    }
    (workdir / "env").write_text("".join(f"export {k}='{v}'\n" for k, v in values.items()))
    print(f"{kind} ready at {endpoint} in {time.monotonic() - started:.1f} s (signatures checked)")


def stop(workdir):
    pids = [int(p.read_text()) for p in workdir.rglob("*.pid") if p.read_text().strip().isdigit()]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 20
    for pid in pids:
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            # Reap our own children so they do not linger as zombies.
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
            time.sleep(0.1)
        else:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def gateway(action, workdir):
    """Stops or starts only the RADOS Gateway of a running RGW server: S3 goes away and comes back on
    the same port while the cluster keeps its data, as when an S3 service restarts."""
    conf = sorted(workdir.glob("ceph-*/ceph.conf"))[-1]
    port = int(re.search(r"endpoint=127\.0\.0\.1:(\d+)", conf.read_text()).group(1))
    if action == "stop":
        pid = int((conf.parent / "run" / "client.rgw.bookstore.pid").read_text())
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        while is_open(port) and time.monotonic() < deadline:
            time.sleep(0.1)
        if is_open(port):
            os.kill(pid, signal.SIGKILL)
    elif not is_open(port):
        # Starting a running gateway is a no-op, so a test's cleanup can always ask for it.
        run(["radosgw", "-c", str(conf), "-n", "client.rgw.bookstore"])
        wait_for_port(port, 60, "radosgw")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "start" and sys.argv[2] in ("moto", "rgw"):
        start(sys.argv[2], Path(sys.argv[3]).resolve())
    elif len(sys.argv) == 3 and sys.argv[1] == "stop":
        stop(Path(sys.argv[2]).resolve())
    elif len(sys.argv) == 4 and sys.argv[1] == "gateway" and sys.argv[2] in ("stop", "start"):
        gateway(sys.argv[2], Path(sys.argv[3]).resolve())
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
