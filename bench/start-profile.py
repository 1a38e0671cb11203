#!/usr/bin/env python3
"""Where a JVM's start goes, from an async-profiler CPU profile in collapsed form with thread names
(bench/footprint.sh PROFILE=1): CPU samples by thread kind, and the main thread's samples by what the
JVM was doing (loading and linking classes, verifying bytecode, interpreting, compiled code...) and
by the Quarkus start step they ran under.
usage: bench/start-profile.py PROFILE.collapsed"""
import collections, re, sys

by_thread, main_kind, main_step = collections.Counter(), collections.Counter(), collections.Counter()
total = 0
# VM frames (C++), first match from the leaf wins
KINDS = [
    ("bytecode verification", re.compile(r"Verifier|ClassVerifier|StackMapTable")),
    ("class loading: parse, define, link", re.compile(r"ClassFileParser|SystemDictionary|ClassLoader::|KlassFactory|InstanceKlass::link|Rewriter|LinkResolver|jvm_define_class|JVM_DefineClass|ConstantPool::klass|FileMapInfo|SystemDictionaryShared")),
    ("class initialisation (<clinit>)", re.compile(r"InstanceKlass::initialize|call_class_initializer")),
    ("jar/zip reading, inflating", re.compile(r"inflate|ZipFile|zip_|java/util/zip|io/quarkus/bootstrap/runner/JarResource")),
    ("reflection, method handles, lambdas", re.compile(r"java/lang/invoke|jdk/internal/reflect|MethodHandles|LambdaForm|InnerClassLambdaMetafactory")),
    ("GC", re.compile(r"G1|CollectedHeap|GenCollectedHeap|Serial")),
    ("interpreter", re.compile(r"Interpreter|interpreted")),
]
for line in open(sys.argv[1]):
    stack, _, count = line.rstrip("\n").rpartition(" ")
    n = int(count)
    frames = stack.split(";")
    thread = re.sub(r"\s*tid=\d+$", "", frames[0].strip("[]"))
    thread = re.sub(r"(GC Thread|G1 Conc|executor-thread|vert\.x-eventloop-thread)[#-]?\d+", r"\1s", thread)
    total += n
    if thread.startswith("C2 Compiler"):
        by_thread["JIT C2"] += n
        continue
    if thread.startswith("C1 Compiler"):
        by_thread["JIT C1"] += n
        continue
    by_thread[thread] += n
    if thread != "main":
        continue
    kind = "Java code (compiled or inlined)"
    for f in reversed(frames[1:]):
        hit = next((k for k, rx in KINDS if rx.search(f)), None)
        if hit:
            kind = hit
            break
    main_kind[kind] += n
    step = "before the first start step (bootstrap, config)"
    for f in frames[1:]:
        if f.startswith(("io/quarkus/runner/recorded/", "io/quarkus/deployment/steps/")):
            step = f.split("/")[-1].split(".")[0].split("$")[0]
            break
    main_step[step] += n

def table(title, counter, of):
    print(f"| {title} | samples | % of {of} |")
    print("|---|---|---|")
    s = sum(counter.values())
    for k, c in counter.most_common(14):
        print(f"| {k} | {c} | {100 * c / max(s, 1):.0f} |")
    print()

print(f"{total} CPU samples in all")
table("thread", by_thread, "all")
table("main thread: what the JVM did", main_kind, "main")
table("main thread: Quarkus start step", main_step, "main")
