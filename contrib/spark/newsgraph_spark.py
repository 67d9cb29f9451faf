"""newsgraph on Spark: build the graph of an archive on a cluster you already have.

The driver reads the articles under INPUT as a distributed dataset, and each
partition runs the `newsgraph` binary
shipped with `--files`: the partition's documents go to its standard input as JSON
lines (`newsgraph build --stdin-jsonl`, one `{"name": …, "text": …}` a line) and it
writes a graph shard. The shards come back to the driver one partition at a time and
are merged once with `newsgraph merge`. Document names are the files' paths under
INPUT, as `newsgraph build INPUT` names them, so the graph (node evidence included)
is the one a build on one machine writes, byte for byte.

A local folder (a path or file://, which on a cluster must be mounted at the same
place on every executor, say NFS) is listed by the driver exactly as `newsgraph
build` lists it, and each executor reads its files. Any other URI (hdfs://, s3a://,
…) is read with Spark's `binaryFiles`; Hadoop then leaves out files and folders
whose names start with `_` as well as `.`, which `newsgraph build` would read.

Usage:
    spark-submit --master local[2] --files target/release/newsgraph \\
        contrib/spark/newsgraph_spark.py INPUT -o graph.json [--partitions N]

The same command runs on a standalone cluster (--master spark://HOST:7077) or YARN
(--master yarn); INPUT is then a path every executor can read (hdfs://…, s3a://…).
Exit status as `newsgraph build`: 0, or 1 if some articles were skipped (each is
reported), 2 on bad input.
"""

import argparse
import base64
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlparse

from pyspark import SparkFiles, StorageLevel
from pyspark.sql import SparkSession

ARTICLE_ENDINGS = (".txt", ".md")


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", help="folder of articles (.txt, .md, read recursively) or one file")
    ap.add_argument("-o", "--output", required=True, help="where the driver writes the merged graph")
    ap.add_argument("--partitions", type=int, default=0,
                    help="partitions of the input (default: spark.default.parallelism)")
    ap.add_argument("--binary", default="newsgraph",
                    help="name of the newsgraph binary given to --files (default: newsgraph)")
    ap.add_argument("--hadoop-read", action="store_true",
                    help="read a local folder through Hadoop (binaryFiles) as for hdfs:// or s3a://")
    ap.add_argument("--lexicon", action="append", default=[],
                    help="extra lexicon file, also given to --files (repeatable)")
    return ap.parse_args(argv)


def document_name(path, root, root_is_file):
    """The name `newsgraph build INPUT` gives the file at `path`, or None if the
    build would not read it (hidden, or not .txt/.md)."""
    if root_is_file:
        return path.rsplit("/", 1)[-1]
    prefix = root.rstrip("/") + "/"
    if not path.startswith(prefix):
        return None
    name = path[len(prefix):]
    if any(part.startswith(".") for part in name.split("/")):
        return None
    if not name.lower().endswith(ARTICLE_ENDINGS):
        return None
    return name


def json_line(name, data):
    """One line of `newsgraph build --stdin-jsonl`: the text if the bytes are UTF-8,
    else the bytes in base64 (the binary decodes both exactly as it reads a file)."""
    try:
        body = {"name": name, "text": data.decode("utf-8")}
    except UnicodeDecodeError:
        body = {"name": name, "base64": base64.b64encode(data).decode("ascii")}
    return (json.dumps(body, ensure_ascii=True) + "\n").encode("ascii")


def executable(name):
    """The binary shipped with --files, made executable (the copy may not be)."""
    path = SparkFiles.get(name)
    if not os.path.isfile(path):
        raise RuntimeError(f"{name} not found in SparkFiles: pass it with --files")
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def local_articles(root):
    """(name, path) of the articles `newsgraph build ROOT` reads, found as it finds
    them: sub-folders recursively, hidden entries skipped, symbolic links followed
    once, `.txt` and `.md` files named by their path under ROOT with `/`."""
    if os.path.isfile(root):
        return [(os.path.basename(root), root)]
    found, visited, stack = [], {os.path.realpath(root)}, [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                name = f"{prefix}/{entry.name}" if prefix else entry.name
                try:
                    is_dir, is_file = entry.is_dir(), entry.is_file()
                except OSError:
                    continue
                if is_dir:
                    real = os.path.realpath(entry.path)
                    if real not in visited:
                        visited.add(real)
                        stack.append((entry.path, name))
                elif is_file and entry.name.lower().endswith(ARTICLE_ENDINGS):
                    found.append((name, entry.path))
    return sorted(found)


def read_local(pairs):
    """(name, bytes) of each (name, path): an executor reads the file itself."""
    for name, path in pairs:
        with open(path, "rb") as f:
            yield name, f.read()


def name_hadoop_files(root, root_is_file):
    """(name, bytes) of each (URI, bytes) from `binaryFiles`, named as the build names them."""

    def run(records):
        for uri, data in records:
            name = document_name(urlparse(uri).path, root, root_is_file)
            if name is not None:
                yield name, data

    return run


def build_partition(binary, lexicons, threads):
    """The function each partition runs: its (name, bytes) documents through
    `newsgraph build --stdin-jsonl`, giving (partition, exit status, stderr,
    documents, shard bytes)."""

    def run(index, records):
        exe = executable(binary)
        args = [exe, "build", "--stdin-jsonl", "-q"]
        for lex in lexicons:
            args += ["--lexicon", SparkFiles.get(lex)]
        work = tempfile.mkdtemp(prefix=f"newsgraph-part{index}-")
        try:
            shard = os.path.join(work, "shard.json")
            err_path = os.path.join(work, "stderr")
            env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
            docs = 0
            with open(err_path, "wb") as err:
                proc = subprocess.Popen(args + ["-o", shard], stdin=subprocess.PIPE,
                                        stdout=subprocess.DEVNULL, stderr=err, env=env)
                try:
                    for name, data in records:
                        proc.stdin.write(json_line(name, data))
                        docs += 1
                finally:
                    proc.stdin.close()
                    status = proc.wait()
            with open(err_path, "rb") as f:
                stderr = f.read().decode("utf-8", "replace")
            if status not in (0, 1):
                raise RuntimeError(f"newsgraph build --stdin-jsonl failed on partition {index} "
                                   f"(exit {status}):\n{stderr}")
            if docs == 0:
                return
            with open(shard, "rb") as f:
                yield index, status, stderr, docs, f.read()
        finally:
            shutil.rmtree(work, ignore_errors=True)

    return run


def main(argv):
    args = parse_args(argv)
    started = time.monotonic()
    spark = SparkSession.builder.appName("newsgraph").getOrCreate()
    sc = spark.sparkContext
    session = time.monotonic()
    partitions = args.partitions or sc.defaultParallelism
    threads = int(sc.getConf().get("spark.task.cpus", "1"))
    scheme = urlparse(args.input).scheme
    if scheme in ("", "file") and not args.hadoop_read:
        # A local (or shared, say NFS) folder: the driver lists it as the build does
        # and each executor reads its files. Hadoop's local file system would run
        # `ls -ld` once per file when it has no native library.
        root = urlparse(args.input).path if scheme else args.input
        if not os.path.exists(root):
            print(f"error: {args.input}: no such file or directory", file=sys.stderr)
            return 2
        listed = local_articles(root)
        records = sc.parallelize(listed, max(1, min(partitions, len(listed)))).mapPartitions(read_local)
    else:
        # HDFS, S3, …: Hadoop lists and reads the files.
        conf = sc._jsc.hadoopConfiguration()
        conf.set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
        jpath = sc._jvm.org.apache.hadoop.fs.Path(args.input)
        fs = jpath.getFileSystem(conf)
        if not fs.exists(jpath):
            print(f"error: {args.input}: no such file or directory", file=sys.stderr)
            return 2
        qualified = fs.makeQualified(jpath)
        root = qualified.toUri().getPath()
        root_is_file = fs.getFileStatus(qualified).isFile()
        files = sc.binaryFiles(qualified.toString(), minPartitions=partitions)
        if files.getNumPartitions() < partitions:
            # binaryFiles packs small files into few splits.
            files = files.repartition(partitions)
        records = files.mapPartitions(name_hadoop_files(root, root_is_file))
    shards = records.mapPartitionsWithIndex(build_partition(args.binary, args.lexicon, threads))

    # Build every partition at once (one job), keeping the shards on the executors …
    shards.persist(StorageLevel.MEMORY_AND_DISK)
    listed_at = time.monotonic()
    shards.count()
    built_at = time.monotonic()
    work = tempfile.mkdtemp(prefix="newsgraph-shards-")
    try:
        paths, docs, skipped = [], 0, False
        # … then fetch them one at a time: the driver never holds them all.
        for index, status, stderr, n, data in shards.toLocalIterator():
            path = os.path.join(work, f"shard-{index:05}.json")
            with open(path, "wb") as f:
                f.write(data)
            paths.append(path)
            docs += n
            skipped |= status == 1
            if stderr.strip():
                sys.stderr.write(stderr)
        fetched = time.monotonic()
        if not paths:
            print(f"error: {args.input}: no .txt or .md articles found", file=sys.stderr)
            return 2
        merge = subprocess.run([executable(args.binary), "merge", *sorted(paths), "-o", args.output])
        if merge.returncode != 0:
            print(f"error: newsgraph merge failed (exit {merge.returncode})", file=sys.stderr)
            return 2
        done = time.monotonic()
        print(f"newsgraph-spark: {docs} documents in {len(paths)} shards in {done - started:.1f} s: "
              f"Spark session {session - started:.1f} s, listing {listed_at - session:.1f} s, "
              f"building the partitions {built_at - listed_at:.1f} s, "
              f"fetching the shards {fetched - built_at:.1f} s, merging {done - fetched:.1f} s",
              file=sys.stderr)
        return 1 if skipped else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
        spark.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
