#!/usr/bin/env python3
"""scikit-learn reference for `npm run bench -- ml`.

Reads a job description (JSON) written by bench/ml/sklearn.ts, loads the shared raw arrays
(float64 row-major X, float64 y, int32 fold ids, float64 starting centres), runs the job and
prints one JSON line on stdout. Fit times exclude data loading. Diagnostics go to stderr.
"""
import json
import os
import resource
import sys
import time
import warnings

job = json.load(open(sys.argv[1]))
threads = int(job.get("threads", 2))
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, str(threads))

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import log_loss, roc_auc_score  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

# The MLP runs a fixed number of full-batch epochs on purpose, as ours does; that is no failure.
warnings.filterwarnings("ignore", message=".*Maximum iterations.*")

try:
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover - threadpoolctl ships with Debian's python3-sklearn
    threadpool_limits = None


def load_matrix(spec):
    return np.fromfile(spec["file"], dtype="<f8").reshape(spec["rows"], spec["cols"])


def make_model(spec):
    kind, params = spec["kind"], dict(spec.get("params", {}))
    if kind == "lr":
        model = LogisticRegression(solver="lbfgs", **params)
        return make_pipeline(StandardScaler(), model) if spec.get("standardise") else model
    if kind == "rf":
        return RandomForestClassifier(n_jobs=threads, **params)
    if kind == "hgb":
        return HistGradientBoostingClassifier(**params)
    if kind == "tree":
        return DecisionTreeClassifier(**params)
    if kind == "mlp":
        # "full" = one batch of every training row, as our full-batch Adam uses.
        full_batch = params.get("batch_size") == "full"
        if full_batch:
            params["batch_size"] = 1
        params["hidden_layer_sizes"] = tuple(params["hidden_layer_sizes"])
        model = MLPClassifier(**params)
        model = make_pipeline(StandardScaler(), model) if spec.get("standardise") else model
        return (model, full_batch)
    raise ValueError(f"unknown model kind {kind}")


def folds_job(X, y, fold_of, models, eval_folds):
    out = {}
    for spec in models:
        fit_s, aucs = 0.0, []
        for f in eval_folds:
            test = fold_of == f
            train = ~test
            model = make_model(spec)
            Xtr, ytr = X[train], y[train]
            if isinstance(model, tuple):
                model, full_batch = model
                if full_batch:
                    model.set_params(mlpclassifier__batch_size=len(ytr)) if hasattr(model, "steps") else model.set_params(batch_size=len(ytr))
            start = time.perf_counter()
            model.fit(Xtr, ytr)
            fit_s += time.perf_counter() - start
            aucs.append(float(roc_auc_score(y[test], model.predict_proba(X[test])[:, 1])))
        out[spec["name"]] = {"auc": float(np.mean(aucs)), "fit_s": fit_s, "aucs": aucs}
    return out


def run(job):
    task = job["task"]
    X = load_matrix(job["X"])
    if task == "folds":
        y = np.fromfile(job["y"], dtype="<f8").astype(np.int64)
        fold_of = np.fromfile(job["folds"], dtype="<i4")
        eval_folds = job.get("eval_folds") or sorted(set(fold_of.tolist()))
        return folds_job(X, y, fold_of, job["models"], eval_folds)
    if task == "kmeans":
        init = load_matrix(job["init"])
        model = KMeans(n_clusters=init.shape[0], init=init, n_init=1, algorithm="lloyd", max_iter=job["max_iter"], tol=job["tol"])
        start = time.perf_counter()
        model.fit(X)
        seconds = time.perf_counter() - start
        return {"kmeans": {"fit_s": seconds, "iterations": int(model.n_iter_), "inertia": float(model.inertia_)}}
    if task == "logistic":
        y = np.fromfile(job["y"], dtype="<f8").astype(np.int64)
        model = LogisticRegression(solver="lbfgs", **job["params"])
        start = time.perf_counter()
        model.fit(X, y)
        seconds = time.perf_counter() - start
        p = model.predict_proba(X)[:, 1]
        return {"logistic": {"fit_s": seconds, "iterations": int(np.max(model.n_iter_)), "log_loss": float(log_loss(y, p))}}
    raise ValueError(f"unknown task {task}")


if threadpool_limits is not None:
    with threadpool_limits(limits=threads):
        results = run(job)
else:
    results = run(job)

peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"peak_mb": peak_mb, "threads": threads, "sklearn_version": sklearn.__version__, "results": results}))
