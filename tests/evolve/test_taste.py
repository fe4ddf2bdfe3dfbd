"""The taste model learns a preference and re-ranks a person's own stream."""

from __future__ import annotations

import numpy as np

from foulard.evolve import TasteModel, rank_stream
from foulard.space import DesignSpace


def _auc(s, y):
    pos, neg = s[y], s[~y]
    return float((pos[:, None] > neg[None, :]).mean())


def test_model_learns_a_linear_preference_online():
    rng = np.random.default_rng(0)
    X = rng.random((400, 8))
    y = X[:, 2] - X[:, 5] > 0.1
    model = TasteModel(8)
    aucs = []
    for i in range(200):
        model.update(X[i], bool(y[i]))
        if i in (9, 199):
            aucs.append(_auc(model.score(X[200:]), y[200:]))
    assert aucs[-1] > 0.9 and aucs[-1] > aucs[0]


def test_one_class_only_stays_finite():
    model = TasteModel(3)
    for _ in range(5):
        model.update(np.ones(3), False)
    assert np.isfinite(model.w).all() and np.isfinite(model.b)


def test_rank_stream_stays_in_the_persons_addresses():
    space = DesignSpace(bytes(range(32)))
    model = TasteModel(len(__import__("foulard.evolve.features").evolve.features.feature_names()))
    model.w[:] = np.random.default_rng(1).normal(size=model.w.shape)
    top = rank_stream(space, 5, model, k=5, exclude=[0])
    assert len(top) == 5 and all(0 < n < 100_000 for n, _ in top)
    scores = [s for _, s in top]
    assert scores == sorted(scores, reverse=True)


def test_newton_step_with_few_judgements_equals_the_full_solve():
    from foulard.evolve.taste import _newton_step

    rng = np.random.default_rng(3)
    for m, d in ((5, 40), (40, 40), (60, 12)):
        A = rng.normal(size=(m, d))
        w = rng.uniform(0.0, 0.25, m)
        reg = np.full(d, 1.0)
        reg[-1] = 0.01
        g = rng.normal(size=d)
        full = np.linalg.solve((A * w[:, None]).T @ A + np.diag(reg), g)
        np.testing.assert_allclose(_newton_step(A, w, reg, g), full, rtol=1e-8, atol=1e-10)
