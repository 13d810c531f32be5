"""PyTorch side of the engine bench (bench/src/engine): the same workloads, one JSON line per call.

Usage:
  engine_torch.py probe
  engine_torch.py sgemm N REPS
  engine_torch.py train mlp|cnn TRAIN_IMAGES TEST_IMAGES BATCH LR SEED MNIST_DIR
  engine_torch.py scaling TRAIN_IMAGES LR SEED MNIST_DIR POINTS_JSON

Threads come from $HYPERSPEC_BENCH_TORCH_THREADS (default 2). The bench measures three configurations
(bench/src/engine/systems/pytorch-configs.ts) and sets OMP_WAIT_POLICY, where it does, in this process's
environment before Python starts, so OpenMP reads it when torch loads. Data loading (IDX parsing,
conversion to float tensors) happens before the timer starts, as in the TypeScript systems.
"""
import ctypes
import json
import math
import os
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(int(os.environ.get("HYPERSPEC_BENCH_TORCH_THREADS", "2")))


def emit(**values):
    print(json.dumps(values), flush=True)


def read_idx(path):
    """LeCun's IDX format: big-endian magic (0x0801 labels, 0x0803 images), dims, unsigned bytes."""
    with open(path, "rb") as f:
        data = f.read()
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    offset = 4 + 4 * rank
    return torch.frombuffer(bytearray(data[offset:]), dtype=torch.uint8).reshape(dims)


def load_split(directory, prefix, limit):
    images = read_idx(os.path.join(directory, f"{prefix}-images-idx3-ubyte"))[:limit]
    labels = read_idx(os.path.join(directory, f"{prefix}-labels-idx1-ubyte"))[:limit]
    return images.float().div_(255).reshape(-1, 1, 28, 28).contiguous(), labels.long()


def glorot_(module):
    if isinstance(module, (nn.Linear, nn.Conv2d)):
        nn.init.xavier_uniform_(module.weight)
        nn.init.zeros_(module.bias)


def mlp(hidden=256):
    return nn.Sequential(nn.Flatten(), nn.Linear(784, hidden), nn.ReLU(), nn.Linear(hidden, hidden // 2), nn.ReLU(),
                         nn.Linear(hidden // 2, 10))


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10))


def train(kind, train_images, test_images, batch, lr, seed, directory):
    torch.manual_seed(seed)
    x, y = load_split(directory, "train", train_images)
    tx, ty = load_split(directory, "t10k", test_images)
    model = mlp() if kind == "mlp" else cnn()
    model.apply(glorot_)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    order = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))
    start = time.perf_counter()
    for i in range(0, len(x), batch):
        idx = order[i:i + batch]
        optimizer.zero_grad(set_to_none=False)
        loss = F.cross_entropy(model(x[idx]), y[idx])
        loss.backward()
        optimizer.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        correct = sum((model(tx[i:i + 500]).argmax(1) == ty[i:i + 500]).sum().item() for i in range(0, len(tx), 500))
    # ru_maxrss: the process's peak resident memory in KiB on Linux (data loading and torch included).
    emit(seconds=seconds, accuracy=correct / len(tx), peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def scaling(train_images, lr, seed, directory, points):
    """The scaling bench (bench/src/scaling): for each point {hidden, batch, warmup, steps}, a fresh
    784-H-H/2-10 MLP and Adam; `warmup` untimed steps, then the seconds of `steps` steps. Batches cycle
    through a fixed permutation of the first TRAIN_IMAGES training images. One JSON line per point."""
    x, y = load_split(directory, "train", train_images)
    for point in points:
        torch.manual_seed(seed)
        model = mlp(point["hidden"])
        model.apply(glorot_)
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        order = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed))
        batch = point["batch"]
        # Index batches built before the timer, as the TypeScript side fills a reused index array.
        batches = [order[torch.arange(s * batch, (s + 1) * batch) % len(x)] for s in range(point["warmup"] + point["steps"])]

        def step(idx):
            optimizer.zero_grad(set_to_none=False)
            F.cross_entropy(model(x[idx]), y[idx]).backward()
            optimizer.step()

        for idx in batches[:point["warmup"]]:
            step(idx)
        start = time.perf_counter()
        for idx in batches[point["warmup"]:]:
            step(idx)
        emit(hidden=point["hidden"], batch=batch, seconds=time.perf_counter() - start)


def sgemm(n, reps):
    g = torch.Generator().manual_seed(n)
    a = torch.rand(n, n, generator=g) * 2 - 1
    b = torch.rand(n, n, generator=g) * 2 - 1
    torch.mm(a, b)
    best = math.inf
    for _ in range(reps):
        t0 = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - t0)
    emit(seconds=best)


def loaded_blas():
    """The BLAS libraries this process actually mapped after a product (BLAS_INFO only says "generic"
    for Debian's build, which calls whatever the libblas.so.3 alternative points to)."""
    torch.mm(torch.ones(64, 64), torch.ones(64, 64))
    with open("/proc/self/maps") as maps:
        return sorted({line.split()[-1] for line in maps if "blas" in line.split()[-1]})


def openblas_config(libraries):
    """OpenBLAS's own report of its build and the kernel set it chose for this CPU, when it is loaded."""
    for path in libraries:
        if "openblas" in os.path.basename(path):
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return {"config": lib.openblas_get_config().decode(), "core": lib.openblas_get_corename().decode()}
    return None


def probe():
    info = {"BLAS_INFO": "unknown", "CPU capability usage": "unknown"}
    for line in torch.__config__.show().splitlines():
        line = line.strip(" -")
        if line.startswith("CPU capability usage:"):
            info["CPU capability usage"] = line.split(":", 1)[1].strip()
        for token in line.replace(",", " ").split():
            if token.startswith("BLAS_INFO="):
                info["BLAS_INFO"] = token.split("=", 1)[1]
    libraries = loaded_blas()
    emit(version=torch.__version__, threads=torch.get_num_threads(), blas=info["BLAS_INFO"],
         cpuCapability=info["CPU capability usage"], blasLibraries=libraries, openblas=openblas_config(libraries))


def main(argv):
    if argv[0] == "probe":
        probe()
    elif argv[0] == "sgemm":
        sgemm(int(argv[1]), int(argv[2]))
    elif argv[0] == "train":
        train(argv[1], int(argv[2]), int(argv[3]), int(argv[4]), float(argv[5]), int(argv[6]), argv[7])
    elif argv[0] == "scaling":
        scaling(int(argv[1]), float(argv[2]), int(argv[3]), argv[4], json.loads(argv[5]))
    else:
        raise SystemExit(f"unknown command {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
