"""The `dangjian` command line: one verb per job, shared output options.

Every command takes --store (env DANGJIAN_STORE): a folder is the embedded
store, an http(s):// URL an Elasticsearch/OpenSearch cluster.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kb.output import emit, output_options
from kb.store import DEFAULT_STORE, StoreError

store_option = click.option(
    "--store", envvar="DANGJIAN_STORE", default=DEFAULT_STORE, show_default=True,
    help="Folder of the embedded store, or http(s):// URL of an Elasticsearch/OpenSearch cluster.")


def _open(location: str):
    from kb.store import open_store

    try:
        return open_store(location)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dangjian")
def main() -> None:
    """dangjian: mine Chinese party-building reports into a searchable knowledge base."""


# -- ingest ------------------------------------------------------------------

@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@store_option
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes reading and extracting in parallel.")
@click.option("--report", "report_path", type=click.Path(path_type=Path),
              help="Write the JSON report here (default: <store>/ingest-report.json for a folder store).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first file that fails.")
@click.option("--batch-size", default=256, show_default=True, type=click.IntRange(1, 10000),
              help="Documents written per store transaction batch.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@click.option("--json", "as_json", is_flag=True, help="Print the whole report as JSON.")
def ingest(paths, store, workers, report_path, fail_fast, batch_size, progress, as_json):
    """Read, normalise, extract and store reports: files or folders (walked).

    Goes on past a bad file, reports it, and exits 1 if any file failed.
    Running it again after an interruption finishes the batch."""
    from kb.batch import IngestReport, ingest as run_ingest, walk

    st = _open(store)
    report = IngestReport()
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    error = None
    try:
        if show:
            from tqdm import tqdm
            total = sum(1 for _ in walk(paths))
            bar = tqdm(total=total, unit="file", desc="ingest", file=sys.stderr)
        run_ingest(st, paths, workers=workers, fail_fast=fail_fast, batch_size=batch_size,
                   progress=bar.update if bar else None, report=report)
    except StoreError as exc:
        error = str(exc)
    finally:
        if bar:
            bar.close()
        try:
            st.close()                   # drains the index queue: may fail too (disk full …)
        except StoreError as exc:
            error = error or str(exc)
    if error:
        raise click.ClickException(error)
    if report_path is None and not store.startswith(("http://", "https://")):
        report_path = Path(store) / "ingest-report.json"
    if report_path:
        report.write(report_path)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        for r in report.failed:
            click.echo(f"failed: {r.path}: {r.reason}", err=True)
        c = report.counts
        click.echo(f"stored {c['stored']}, replaced {c['replaced']}, duplicate {c['duplicate']}, "
                   f"failed {c['failed']}" + (f"; report: {report_path}" if report_path else ""), err=True)
    sys.exit(1 if report.failed else 0)


# -- extract -------------------------------------------------------------------

@main.command()
@click.argument("files", nargs=-1, required=True)
@store_option
@click.option("--json", "as_json", is_flag=True, default=True, help="JSON Lines, one record per document (default).")
@click.option("--text", "with_text", is_flag=True, help="Include the normalised text in each record.")
def extract(files, store, as_json, with_text):
    """Print the extraction record of each FILE (see the EXTRACTION contract).

    '-' reads a UTF-8 text report from standard input. Nothing is stored."""
    from ingest.errors import BadRecords, IngestError
    from ingest.pipeline import build_document, extract_record
    from ingest.readers import read_bytes, read_path
    from kb.records import public_record

    failed = 0
    for f in files:
        try:
            raws = read_bytes(sys.stdin.buffer.read(), "stdin.txt") if f == "-" else read_path(f)
            for raw in raws:
                try:
                    record = extract_record(build_document(raw))
                except IngestError as exc:
                    click.echo(f"failed: {exc}", err=True)
                    failed += 1
                    continue
                click.echo(json.dumps(public_record(record, with_text), ensure_ascii=False))
        except BadRecords as exc:
            for e in exc.errors:
                click.echo(f"failed: {e}", err=True)
            failed += 1
        except IngestError as exc:
            click.echo(f"failed: {exc}", err=True)
            failed += 1
        except OSError as exc:
            click.echo(f"failed: {f}: {exc.strerror or exc}", err=True)
            failed += 1
    sys.exit(1 if failed else 0)


# -- search --------------------------------------------------------------------

@main.command()
@click.argument("query", default="")
@store_option
@click.option("--park", help="Park id or any of its names.")
@click.option("--province")
@click.option("--year", type=int)
@click.option("--outlet")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--offset", default=0, type=click.IntRange(0))
@output_options("table")
def search(query, store, park, province, year, outlet, limit, offset, fmt):
    """Full-text search; a query in either script finds both."""
    from kb.store import SearchQuery

    st = _open(store)
    try:
        page = st.search(SearchQuery(q=query, park=park, province=province, year=year,
                                     outlet=outlet, limit=limit, offset=offset))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        st.close()
    rows = []
    for hit in page.items:
        snippet = hit.snippets[0] if hit.snippets else None
        rows.append({"doc_id": hit.doc_id, "score": round(hit.score, 3), "title": hit.title,
                     "published": hit.source.get("published", ""), "parks": hit.parks,
                     "snippet": _marked(snippet) if snippet else ""})
    emit(rows, fmt, ["doc_id", "score", "title", "published", "parks", "snippet"])
    if fmt == "table":
        click.echo(f"{len(rows)} of {page.total}", err=True)


def _marked(snippet) -> str:
    """Snippet text with highlights wrapped in 【】."""
    text, base, out, pos = snippet.text, snippet.start, [], 0
    for s, e in sorted(snippet.highlights):
        s, e = s - base, e - base
        if s < pos or e > len(text):
            continue
        out.append(text[pos:s] + "【" + text[s:e] + "】")
        pos = e
    out.append(text[pos:])
    return "".join(out)


# -- maintenance -----------------------------------------------------------------

@main.command()
@store_option
def reindex(store):
    """Rebuild the full-text index from the stored records."""
    st = _open(store)
    try:
        n = st.reindex()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        st.close()
    click.echo(f"reindexed {n} documents", err=True)


@main.command()
@click.option("--from", "src", required=True, help="Source store (folder or URL).")
@click.option("--to", "dst", required=True, help="Destination store (folder or URL).")
@click.option("--store", envvar="DANGJIAN_STORE", hidden=True)
def copy(src, dst, store):
    """Copy a knowledge base between backends (e.g. data/ to a cluster)."""
    from kb.copy import copy_store

    a, b = _open(src), _open(dst)
    try:
        result = copy_store(a, b)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        a.close()
        b.close()
    click.echo(json.dumps(result, ensure_ascii=False) if isinstance(result, dict) else str(result))


# -- serve -----------------------------------------------------------------------

@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int)
@click.option("--access-log/--no-access-log", default=True, show_default=True,
              help="Log every request (uvicorn's access log).")
def serve(store, host, port, workers, access_log):
    """Serve the search API and web page."""
    import os

    import uvicorn

    os.environ["DANGJIAN_STORE"] = store
    uvicorn.run("search_api.app:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level="info", access_log=access_log)


# -- eval ------------------------------------------------------------------------

@main.command("eval")
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of gold *.json records.")
@click.option("--corpus", "corpus_dir", default="corpus", show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder holding the documents the gold names.")
@click.option("--scorer", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="score.py to use (default: eval/score.py beside the gold folder, else ../shared/eval/score.py).")
@click.option("--verbose", is_flag=True, help="List missed and spurious items.")
@click.option("--json", "as_json", is_flag=True)
@store_option
def eval_(gold_dir, corpus_dir, scorer, verbose, as_json, store):
    """Extract the gold's documents and print the score table."""
    from kb.evaluate import ScorerNotFound, evaluate, format_table

    try:
        result = evaluate(gold_dir, corpus_dir, scorer, verbose=verbose)
    except ScorerNotFound as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else format_table(result))


# -- export / compare ------------------------------------------------------------

@main.group()
def export():
    """Export extracted items."""


@export.command("figures")
@store_option
@click.option("--park")
@click.option("--metric")
@click.option("--unit")
@click.option("--year", type=int)
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "jsonl", "json"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: stdout; xlsx needs -o).")
def export_figures(store, park, metric, unit, year, fmt, output):
    """Figures with park, metric, value, unit, sentence and a link back to the source."""
    from kb.export import export_figures as run_export

    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs -o FILE")
    st = _open(store)
    try:
        chunks = run_export(st, fmt, park=park, metric=metric, unit=unit, year=year)
        if output is None:
            for chunk in chunks:
                sys.stdout.buffer.write(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))
        else:
            with open(output, "wb") as fh:
                for chunk in chunks:
                    fh.write(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))
            click.echo(f"wrote {output}", err=True)
    finally:
        st.close()


@main.command()
@click.argument("parks", nargs=-1, required=True)
@store_option
@click.option("--json", "fmt", flag_value="json", help="The comparison as JSON (as GET /compare).")
@click.option("--table", "fmt", flag_value="table", default=True, help="Figures aligned by metric (default).")
def compare(parks, store, fmt):
    """Compare the party-building models and figures of two or more parks."""
    from kb.compare import compare_parks, ParkNotFound

    st = _open(store)
    try:
        result = compare_parks(st, list(parks))
    except ParkNotFound as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        st.close()
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=1, default=str))
        return
    from kb.compare import figure_table_rows

    rows, columns = figure_table_rows(result)
    emit(rows, "table", columns)


if __name__ == "__main__":
    main()
