"""Job files and units: parsing, content keys, duplicates, and errors that say where."""

from __future__ import annotations

import json

import pytest

from foulard.batch import JobFileError, load_job, make_unit, write_job
from foulard.scarf.random_design import random_genome


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_units_with_the_same_description_share_a_key_and_run_once(tmp_path):
    g = random_genome(7)
    g.save(tmp_path / "g.json")
    job = load_job(
        _write(
            tmp_path / "job.json",
            json.dumps(
                {
                    "defaults": {"format": "carre90", "outputs": ["preview"]},
                    "units": [
                        {"genome": "g.json"},
                        {"genome": g.to_json()},  # the same genome inline
                        {"genome": "g.json", "ppi": 600},  # ppi means nothing to a preview
                        {"genome": "g.json", "format": "gavroche45"},  # an alias of carre45
                        {"genome": "g.json", "format": "carre45"},
                        {"slot": 3, "n": 5},
                        {"slot": 3, "n": 5, "outputs": "preview"},
                    ],
                }
            ),
        )
    )
    keys = [u.key for u in job.units]
    assert keys[0] == keys[1] == keys[2]
    assert keys[3] == keys[4] != keys[0]
    assert keys[5] == keys[6]
    assert len(job.unique()) == 3
    assert [u.label for u in job.unique()][2] == "3:5"


def test_options_that_change_the_outputs_change_the_key():
    base = {"slot": 0, "n": 1, "outputs": ["master"], "ppi": 300}
    key = make_unit(base).key
    assert make_unit({**base, "ppi": 301}).key != key
    assert make_unit({**base, "format": "carre70"}).key != key
    assert make_unit({**base, "outputs": ["master", "preview"]}).key != key
    assert make_unit({**base, "n": 2}).key != key
    assert make_unit({**base, "ppi": 300.0}).key == key  # 300 and 300.0 are one ppi
    assert (
        make_unit({**base, "outputs": "preview+master"}).key
        == make_unit({**base, "outputs": ["preview", "master"]}).key
    )


def test_ranges_expand_to_one_unit_per_address(tmp_path):
    job = load_job(
        _write(
            tmp_path / "job.json",
            '{"units": [{"slot": 2, "from": 10, "to": 14, "outputs": "signature"}]}',
        )
    )
    assert [u.source for u in job.units] == [{"slot": 2, "n": n} for n in range(10, 15)]
    assert job.units[0].where == "job.json line 1 (units[0]) (n=10)"


def test_csv_job(tmp_path):
    random_genome(3).save(tmp_path / "a.json")
    path = _write(
        tmp_path / "job.csv",
        "genome,slot,n,format,outputs,ppi\n"
        "a.json,,,carre70,preview+master,200\n"
        ",4,9,,signature,\n"
        "\n"
        ",4,9,,signature,\n",
    )
    job = load_job(path)
    assert len(job.units) == 3 and len(job.unique()) == 2
    first = job.units[0]
    assert first.format == "carre70" and first.outputs == ("preview", "master")
    assert first.ppi == 200.0 and first.preview_px == 512
    assert job.units[1].outputs == ("signature",) and job.units[1].ppi is None
    assert job.units[2].where == "job.csv line 5"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"units": [\n  {"slot": 1, "n": 2},\n  {"slot": 1 "n": 3}\n]}', "job.json line 3 column"),
        ('{"units": [\n  {"slot": 1, "n": 2},\n  {"slot": 1, "n": 2, "dpi": 3}\n]}',
         "job.json line 3 (units[1]): unknown field 'dpi'; valid: genome"),
        ('{"units": [\n{"slot": 1, "n": 2, "ppi": "lots", "outputs": "master"}]}',
         "line 2 (units[0]): ppi must be a number"),
        ('{"units": [{"slot": 1, "n": 2, "ppi": 90, "outputs": "master"}]}',
         "90 ppi is below 150 ppi"),
        ('{"units": [{"slot": 1, "n": 2, "outputs": "thumbnail"}]}',
         "unknown output 'thumbnail'; valid: preview, master, order, signature"),
        ('{"units": [{"slot": 1}]}', "units[0]): n must be a whole number"),
        ('{"units": [{"slot": 1, "n": 100000}]}', "n must be a whole number from 0 to 99999"),
        ('{"units": [{"n": 4}]}', "give exactly one of genome"),
        ('{"units": [{"slot": 1, "person": "bo", "n": 4}]}', "got person, slot"),
        ('{"units": [{"person": "no one", "n": 4}]}', "invalid person id"),
        ('{"units": [{"slot": 1, "n": 1, "format": "carre99"}]}', "unknown format 'carre99'"),
        ('{"units": [{"genome": "missing.json"}]}', "(units[0]): genome: no such genome file"),
        ('{"units": [{"genome": {"seed": 1}}]}', "(units[0]): genome: schema_version: missing"),
        ('{"units": [{"slot": 1, "from": 5, "to": 2}]}', "need 0 <= from <= to"),
        ('{"units": [{"slot": 1, "n": 1, "from": 5, "to": 6}]}', "do not give n"),
        ('{"units": []}', "the job has no units"),
        ('{"units": {}}', "'units' must be a list"),
        ('{"units": [3]}', "units[0]): a unit must be an object"),
        ('{"unit": []}', "unknown key 'unit'"),
        ('{"foulard_job": 2, "units": []}', "version 2 unknown"),
        ('{"defaults": {"px": 3}, "units": []}', "defaults: unknown field 'px'"),
        ("[1, 2]", "a job file is a JSON object"),
    ],
)  # fmt: skip
def test_malformed_json_jobs_name_the_line_or_field(tmp_path, text, message):
    with pytest.raises(JobFileError) as err:
        load_job(_write(tmp_path / "job.json", text))
    assert message in str(err.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("slot,n,dpi\n1,2,3\n", "job.csv line 1: unknown column 'dpi'"),
        ("slot,n\n1,2\n1,x\n", "job.csv line 3: n must be a number"),
        ("slot,n\n1,2,5\n", "job.csv line 2: more cells than columns"),
        ("", "no header row"),
    ],
)
def test_malformed_csv_jobs_name_the_line(tmp_path, text, message):
    with pytest.raises(JobFileError) as err:
        load_job(_write(tmp_path / "job.csv", text))
    assert message in str(err.value)


def test_job_file_errors(tmp_path):
    with pytest.raises(JobFileError, match="no such job file"):
        load_job(tmp_path / "nothing.json")
    with pytest.raises(JobFileError, match=r"\.json or \.csv"):
        load_job(_write(tmp_path / "job.yaml", "units: []"))
    (tmp_path / "bad.json").write_bytes(b'{"units": ["\xff"]}')
    with pytest.raises(JobFileError, match="not UTF-8"):
        load_job(tmp_path / "bad.json")


def test_write_job_checks_before_writing_and_reads_back(tmp_path):
    path = tmp_path / "job.json"
    with pytest.raises(JobFileError, match="unknown output"):
        write_job(path, [{"slot": 0, "n": 1}], {"outputs": ["nope"]})
    assert not path.exists()
    specs = [{"slot": 0, "n": n} for n in range(3)]
    job = write_job(path, specs, {"format": "twilly", "outputs": ["preview", "signature"]})
    again = load_job(path)
    assert [u.key for u in again.units] == [u.key for u in job.units]
    assert again.units[2].where == "job.json line 4 (units[2])"  # one unit a line
    assert again.units[0].format == "twilly"
