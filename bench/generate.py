#!/usr/bin/env python3
"""Fixed-seed county-like data for the benchmarks: a usage log and a system audit log as an
office's Excel would export them (UTF-8 with BOM, or Big5), and the roster they need.

    bench/generate.py OUT_DIR [--rows N] [--users U] [--queries Q] [--seed S]

Writes OUT_DIR/roster.txt (login name, one a line), usage-utf8.csv, usage-big5.csv,
system-utf8.csv (Q system queries per usage entry, 3 unless told; the county-scale run of
issue 6 uses --rows 2000000 --users 320 --queries 5: 8 offices of 40, 2 M and 10 M rows).
Every session is between
2021-01-04 and 2026-10-30, 08:00–17:30 Taiwan time, 1–20 minutes long, one user at a time.
"""
import argparse
import datetime as dt
import os
import random

PURPOSES = ["辦理歸化國籍案件查核", "辦理外籍配偶初設戶籍登記查核", "辦理遷出國外登記查核",
            "核對出境紀錄, 申請人表示已返國", "辦理結婚登記居留資格查核", "辦理大陸配偶定居案件查核",
            "受理初次設籍申請，查核入出境紀錄", "辦理護照申請之戶籍查核"]
ITEMS = ["入出境資訊", "大陸港澳及無戶籍人士申請來臺資訊", "外籍人士居停留資訊"]
FIELDS = ["姓名", "出生日期", "入出境日期", "航班", "居留期限", "證件號碼"]
SURNAMES = "王林陳張李黃吳劉蔡楊許鄭謝郭洪曾邱廖賴周"
GIVEN = "志明美麗淑芬家豪冠宇怡君俊傑雅婷建宏佳蓉"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--users", type=int, default=40)
    ap.add_argument("--queries", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20261129)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    users = [f"u{i:03d}" for i in range(args.users)]
    with open(os.path.join(args.out, "roster.txt"), "w", encoding="utf-8") as f:
        for u in users:
            f.write(f"{u} {rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(GIVEN)}\n")

    start = dt.datetime(2021, 1, 4, 8, 0)
    span_minutes = int((dt.datetime(2026, 10, 30, 17, 30) - start).total_seconds() // 60)
    step = span_minutes / args.rows
    header = "使用者,登入時間,退出時間,查詢項目,資料查詢用途,案號\r\n"
    sys_header = "查詢時間,帳號,查詢項目,查詢對象,查詢欄位,來源IP\r\n"
    with open(os.path.join(args.out, "usage-utf8.csv"), "w", encoding="utf-8-sig", newline="") as usage, \
         open(os.path.join(args.out, "usage-big5.csv"), "w", encoding="cp950", newline="") as big5, \
         open(os.path.join(args.out, "system-utf8.csv"), "w", encoding="utf-8-sig", newline="") as system:
        usage.write(header)
        big5.write(header)
        system.write(sys_header)
        for i in range(args.rows):
            login = start + dt.timedelta(minutes=int(i * step), seconds=rng.randrange(60))
            minutes = rng.randint(1, 20)
            logout = login + dt.timedelta(minutes=minutes)
            user = users[i % len(users)]
            item = rng.choice(ITEMS)
            purpose = rng.choice(PURPOSES)
            quoted = f'"{purpose}"' if "," in purpose else purpose
            line = (f"{user},{login:%Y-%m-%d %H:%M:%S},{logout:%Y-%m-%d %H:%M:%S},{item},{quoted},"
                    f"彰戶{login.year - 1911}字第{i:07d}號\r\n")
            usage.write(line)
            big5.write(line)
            for q in range(args.queries):
                at = login + dt.timedelta(seconds=20 + q * minutes * 45 // args.queries)
                subject = f"{rng.choice('ABCDEFGHJKLMNPQRSTUVXYWZIO')}{rng.randint(1, 2)}{rng.randrange(10**8):08d}"
                fields = ";".join(rng.sample(FIELDS, rng.randint(1, 3)))
                system.write(f"{at:%Y-%m-%d %H:%M:%S},{user},{item},{subject},{fields},10.12.{i % 8}.{q + 20}\r\n")


if __name__ == "__main__":
    main()
