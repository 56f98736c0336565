"""What the per-batch roll-up updates (migration 6) cost an ingest with NLP output on PostgreSQL.

    python benchmarks/bench_rollup_cost.py [--polnear ../shared/eval/polnear/dev] [--pg URL] [--repeat 4]

The PolNeAR texts are analysed once; the same records are then written, in batches of 8, into
fresh schemas, alternately with the roll-up update and with it replaced by a no-op. Prints the
median write time of each and the difference per article.
"""
import argparse
import glob
import statistics
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text

import newsgraph
import newsgraph.store.rollups as R
from newsgraph.store import open_store

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("--polnear", default=str(Path(__file__).resolve().parents[2] / "shared/eval/polnear/dev"))
ap.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
ap.add_argument("--repeat", type=int, default=4)
args = ap.parse_args()
paths = sorted(glob.glob(str(Path(args.polnear) / "text" / "*")))
t = time.time()
arts = [newsgraph.analyze(p) for p in paths]
print(f"analysed {len(arts)} articles in {time.time()-t:.1f} s: {sum(len(a.quotes) for a in arts)} quotes, "
      f"{sum(len(a.events) for a in arts)} events", flush=True)
base = args.pg
admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
real_update = R.update
res = {True: [], False: []}
for _ in range(args.repeat):
    for on in (True, False):
        schema = f"ng_cost_{uuid.uuid4().hex[:10]}"
        with admin.begin() as c:
            c.execute(text(f'CREATE SCHEMA "{schema}"'))
        R.update = real_update if on else (lambda conn, article_ids=None: None)
        st = open_store(f"{base}?options={quote(f'-csearch_path={schema}')}")
        t = time.perf_counter()
        for i in range(0, len(arts), 8):  # batches of 8 articles, as a pipeline flush would
            st.write(arts[i:i + 8])
        res[on].append(time.perf_counter() - t)
        st.close()
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
R.update = real_update
for on in (True, False):
    print(f"roll-ups {'on ' if on else 'off'}: median {statistics.median(res[on]):.2f} s "
          f"({', '.join(f'{x:.2f}' for x in res[on])}) for {len(arts)} articles")
on, off = statistics.median(res[True]), statistics.median(res[False])
print(f"roll-up cost: {on - off:.2f} s = {1000 * (on - off) / len(arts):.1f} ms per article ({100 * (on - off) / off:.0f} % of the write)")
