"""Atalaya's aggregation job for Apache Spark: `atalaya cluster series` submits it.

    spark-submit --master URL series.py --source DATASET --out DIR --sql aggregates.sql

Reads a Parquet dataset written by `atalaya export parquet --partition-by ...` or `atalaya
synth --format parquet` (local path or any URL Spark reads: s3a://, abfss://, gs://),
runs the SQL of aggregates.sql over it and writes, under DIR:

    agg_kind/part-*.parquet    period, start, state, kind,  events, fatalities
    agg_actor/part-*.parquet   period, start, state, actor, events, fatalities
    _atalaya.json              manifest (row counts, schema version), written last

`atalaya import aggregates DIR` loads them. The last line on stdout is a JSON summary.
"""

import argparse
import json
import time

from pyspark.sql import SparkSession

# The aggregates' schema version (docs/formats/parquet.md, "Aggregates").
AGGREGATES_VERSION = 1

# The dataset's columns (schema version 1) as the job reads them. `state` may be a folder
# level or a column, `year` only a folder level: Spark fills a partition column from the
# folder names and leaves a column that is in neither the files nor the folders null.
# Giving the schema keeps `state` a string ("01", not 1).
EVENTS_SCHEMA = (
    "id string, kind string, date date, date_precision string, state string, "
    "municipality string, lat double, lon double, geo_precision int, fatalities double, "
    "actors array<string>, measures string, sources string, tags string, "
    "origin_format string, origin_file string, origin_row bigint, "
    "origin_source_id string, review string, year int"
)


def statements(sql_text):
    """The SQL file's statements: each ends with ';' at the end of a line."""
    lines = [l for l in sql_text.splitlines() if not l.lstrip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";\n") if s.strip().rstrip(";")]


def write_text(spark, url, text):
    """Writes a small file through Hadoop's FileSystem, so object stores work too."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(url)
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    out = fs.create(path, True)
    out.write(bytearray(text.encode("utf-8")))
    out.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", required=True, help="the Parquet dataset")
    ap.add_argument("--out", required=True, help="where the aggregates go (must not exist)")
    ap.add_argument("--sql", required=True, help="aggregates.sql")
    args = ap.parse_args()
    with open(args.sql, encoding="utf-8") as f:
        sql = f.read()

    started = time.time()
    spark = (
        SparkSession.builder.appName("atalaya cluster series")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("WARN")
    events = (
        spark.read.schema(EVENTS_SCHEMA)
        .option("basePath", args.source)
        .parquet(args.source)
    )
    events.createOrReplaceTempView("events")
    for statement in statements(sql):
        spark.sql(statement)

    out = args.out.rstrip("/")
    tables = {}
    for name in ("agg_kind", "agg_actor"):
        # The aggregates are small (states x periods x kinds): one file per table.
        df = spark.table(name).coalesce(1)
        df.write.mode("errorifexists").parquet(f"{out}/{name}")
        tables[name] = spark.read.parquet(f"{out}/{name}").count()

    manifest = {
        "aggregates_version": AGGREGATES_VERSION,
        "source": args.source,
        "tables": tables,
        "created_by": "atalaya cluster series (Spark " + spark.version + ")",
    }
    write_text(spark, f"{out}/_atalaya.json", json.dumps(manifest, indent=2) + "\n")
    seconds = time.time() - started
    spark.stop()
    print(json.dumps({"rows": sum(tables.values()), "tables": tables, "seconds": seconds}))


if __name__ == "__main__":
    main()
