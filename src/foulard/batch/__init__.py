"""Batch jobs: thousands of previews, masters, print orders and signatures at once.

A job is a list of work units (a genome or a design-space address, a format, a ppi,
the outputs wanted), read from a JSON or CSV job file or written by a generator
(:func:`address_specs` with :func:`write_job`). :func:`run_job` runs it on a local
process pool (:class:`LocalEngine`, the default) or a Dask cluster
(:class:`DaskEngine`); outputs go to the content-addressed store
(:class:`OutputStore`, ``<home>/store``) and every result to the job's manifest
(:class:`Manifest`, ``job.manifest.jsonl``), so a killed job resumes where it
stopped. See ``docs/batch.md``.
"""

from foulard.batch.dask_engine import DaskEngine, have_dask
from foulard.batch.errors import BatchError, EngineError, JobFileError, JobStopped
from foulard.batch.job import Job, address_specs, load_job, write_job
from foulard.batch.local import LocalEngine, default_workers, start_fresh_worker
from foulard.batch.manifest import Manifest, manifest_path
from foulard.batch.runner import (
    InlineEngine,
    JobProgress,
    JobReport,
    job_status,
    plan_units,
    run_job,
)
from foulard.batch.store import OutputStore
from foulard.batch.units import OUTPUTS, Unit, make_unit, parse_outputs
from foulard.batch.work import execute_unit, unit_command

__all__ = [
    "OUTPUTS",
    "BatchError",
    "DaskEngine",
    "EngineError",
    "InlineEngine",
    "Job",
    "JobFileError",
    "JobProgress",
    "JobReport",
    "JobStopped",
    "LocalEngine",
    "Manifest",
    "OutputStore",
    "Unit",
    "address_specs",
    "default_workers",
    "execute_unit",
    "have_dask",
    "job_status",
    "load_job",
    "make_unit",
    "manifest_path",
    "parse_outputs",
    "plan_units",
    "run_job",
    "start_fresh_worker",
    "unit_command",
    "write_job",
]
