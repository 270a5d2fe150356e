#!/usr/bin/env python3
"""The XGBoost `hist` peer for npm run bench:gbdt. Not a dependency: run with Debian's python3.

Reads the benchmark matrix written by bench/gbdt.ts, trains on the first rows and scores the rest,
and prints one JSON line: training seconds (loading excluded), holdout AUC, threads.
"""
import json
import os
import sys
import time

import numpy as np
import xgboost as xgb
from sklearn.metrics import roc_auc_score

# Arguments: X.f64 (rows × cols float64, row-major), y.u8, cols, categorical column indices
# (comma-separated, may be empty), train rows, trees, depth, learning rate, bins.
x_path, y_path = sys.argv[1], sys.argv[2]
cols = int(sys.argv[3])
cat_cols = [int(c) for c in sys.argv[4].split(",") if c]
train_rows, trees, depth, lr, bins = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), float(sys.argv[8]), int(sys.argv[9])
threads = os.cpu_count() or 1

X = np.fromfile(x_path, dtype=np.float64).reshape(-1, cols)
y = np.fromfile(y_path, dtype=np.uint8).astype(np.float64)
types = ["c" if i in cat_cols else "q" for i in range(cols)]
dtrain = xgb.DMatrix(X[:train_rows], label=y[:train_rows], feature_types=types, enable_categorical=True, nthread=threads)
dtest = xgb.DMatrix(X[train_rows:], label=y[train_rows:], feature_types=types, enable_categorical=True, nthread=threads)
y_test = y[train_rows:]
params = {
    "objective": "binary:logistic",
    "tree_method": "hist",
    "max_depth": depth,
    "eta": lr,
    "max_bin": bins,
    "nthread": threads,
    "seed": 42,
}
t0 = time.perf_counter()
booster = xgb.train(params, dtrain, num_boost_round=trees)
seconds = time.perf_counter() - t0
auc = roc_auc_score(y_test, booster.predict(dtest))
print(json.dumps({"seconds": seconds, "auc": float(auc), "threads": threads, "version": xgb.__version__}))
