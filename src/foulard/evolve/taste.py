"""A person's taste: a regularised logistic model over design features, updated online.

``TasteModel`` keeps the person's judgements (features, liked or not) and, after each
:meth:`update`, refits an L2-regularised logistic regression by a few Newton steps
started from the previous weights (cheap: a person judges tens or hundreds of
designs). Its score ranks designs; :func:`rank_stream` re-ranks the person's own stream
of 100,000 designs of the space by it, computing their features from genes alone, so
the ranking never leaves the person's own addresses.

References
----------
Hastie, Tibshirani & Friedman 2009, *The Elements of Statistical Learning*, 4.4
(logistic regression, Newton-Raphson / IRLS) and 3.4 (ridge penalty).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from foulard.space.address import PER_PERSON

__all__ = ["TasteModel", "rank_stream"]


@dataclass
class TasteModel:
    """L2-regularised logistic regression; ``lam`` is the ridge strength."""

    n_features: int
    lam: float = 1.0
    w: np.ndarray = field(default=None)  # type: ignore[assignment]
    b: float = 0.0
    X: list[np.ndarray] = field(default_factory=list)
    y: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.w is None:
            self.w = np.zeros(self.n_features)

    def update(self, x: np.ndarray, liked: bool, *, steps: int = 25) -> None:
        """Add one judgement and refit."""
        x = np.asarray(x, np.float64)
        if x.shape != (self.n_features,):
            raise ValueError(f"expected {self.n_features} features, got {x.shape}")
        self.X.append(x)
        self.y.append(1.0 if liked else 0.0)
        self._fit(steps)

    def update_many(self, xs, likes) -> None:
        for x, liked in zip(xs, likes, strict=True):
            self.X.append(np.asarray(x, np.float64))
            self.y.append(1.0 if liked else 0.0)
        self._fit(25)

    def _fit(self, steps: int) -> None:
        X = np.asarray(self.X)
        y = np.asarray(self.y)
        A = np.hstack([X, np.ones((len(X), 1))])
        # Refit from zero: with few judgements (all dislikes, say) a warm start from a
        # saturated model takes huge Newton steps; a fresh fit of tens of rows is cheap.
        theta = np.zeros(A.shape[1])
        reg = np.full(A.shape[1], self.lam)
        reg[-1] = 0.01  # the bias is barely shrunk (it stays finite with one class only)
        for _ in range(steps):
            p = 1.0 / (1.0 + np.exp(-np.clip(A @ theta, -30, 30)))
            grad = A.T @ (p - y) + reg * theta
            step = _newton_step(A, p * (1 - p), reg, grad)
            norm = float(np.abs(step).max())
            if norm > 4.0:  # damped Newton: never jump far on a flat likelihood
                step *= 4.0 / norm
            theta -= step
            if norm < 1e-8:
                break
        self.w, self.b = theta[:-1], float(theta[-1])

    def score(self, X: np.ndarray) -> np.ndarray:
        """Log-odds that the person likes each design (rows of ``X``)."""
        return np.asarray(X, np.float64) @ self.w + self.b


def _newton_step(A: np.ndarray, w: np.ndarray, reg: np.ndarray, grad: np.ndarray) -> np.ndarray:
    """``(A^T diag(w) A + diag(reg))^-1 grad``. With fewer judgements than features
    (the usual case: tens of judgements, hundreds of features) by the Woodbury identity,
    an m x m system instead of a d x d one."""
    m, d = A.shape
    if m >= d:
        return np.linalg.solve((A * w[:, None]).T @ A + np.diag(reg), grad)
    B = A * np.sqrt(w)[:, None]
    g = grad / reg
    K = np.eye(m) + (B / reg) @ B.T
    return g - (B.T @ np.linalg.solve(K, B @ g)) / reg


def rank_stream(
    space, slot: int, model: TasteModel, k: int = 10, *, exclude=(), chunk: int = 25_000
) -> list[tuple[int, float]]:
    """The person's ``k`` best-scored designs ``(n, score)`` among their 100,000."""
    from foulard.evolve.features import stream_features

    base = int(slot) * PER_PERSON
    scores = np.empty(PER_PERSON)
    for start in range(0, PER_PERSON, chunk):
        idx = np.arange(base + start, base + min(PER_PERSON, start + chunk), dtype=np.uint64)
        scores[start : start + len(idx)] = model.score(stream_features(space, space.genes_of(idx)))
    for n in exclude:
        scores[int(n)] = -np.inf
    top = np.argpartition(-scores, k)[:k]
    top = top[np.argsort(-scores[top])]
    return [(int(n), float(scores[n])) for n in top]
