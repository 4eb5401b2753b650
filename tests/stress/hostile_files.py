#!/usr/bin/env python3
"""Writes the hostile CSV files of test_hostile.sh into DIR, and a manifest of them.

    hostile_files.py DIR SEED

Every file is made from a fixed-seed generator (random.seed(SEED + n)), so a run repeats. The
manifest DIR/manifest has one line per run: FILE<TAB>PROGRAM<TAB>ENCODING (qlog or audit;
auto, utf-8 or big5), for each file the importers should be given.
"""
import os
import random
import sys

out, seed = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
runs = []

HEADERS = {
    "qlog": "user,login,logout,item,purpose".encode(),
    "audit": "查詢時間,帳號,查詢項目,查詢對象,查詢欄位,來源IP".encode(),
}


minute = 0


def good_row(program, purpose=b"ok"):
    """A valid row but for PURPOSE (the fields viewed, for audit), each at a minute of its own, so
    that a file's validity never depends on the files imported before it."""
    global minute
    minute += 1
    at = f"2026-11-{10 + minute // 600:02d} {8 + minute // 60 % 10:02d}:{minute % 60:02d}".encode()
    if program == "qlog":
        return b"wang," + at + b"," + at + b":30,entry-exit," + purpose
    return at + b":10,wang,entry-exit,F128456301," + purpose + b",10.0.0.1"


def write(name, data, programs=("qlog", "audit"), encodings=("auto",)):
    for program in programs:
        body = data(program) if callable(data) else data
        path = os.path.join(out, f"{program}-{name}.csv")
        with open(path, "wb") as f:
            f.write(body)
        for encoding in encodings:
            runs.append(f"{path}\t{program}\t{encoding}")


def rng(n):
    return random.Random(seed + n)


# Random bytes: whole files, and after a valid header.
for n in range(4):
    write(f"random-{n}", rng(n).randbytes(65536), encodings=("auto", "utf-8", "big5"))
    write(f"header-random-{n}", lambda p, n=n: HEADERS[p] + b"\r\n" + rng(100 + n).randbytes(16384),
          encodings=("auto", "utf-8", "big5"))

# CSV-shaped noise: the tokens that steer a CSV parser, in random order.
TOKENS = [b",", b"\"", b"\"\"", b"\r", b"\n", b"\r\n", b"a", b"wang", b"2026-11-10 09:00", b"entry-exit",
          b"\x00", b"\xff", b"\xe6\x9f\xa5", b"\xa4\xa4", b" ", b"\t", b"=", b"\xef\xbb\xbf"]
for n in range(6):
    r = rng(200 + n)
    write(f"tokens-{n}", lambda p, r=r: HEADERS[p] + b"\n" + b"".join(r.choice(TOKENS) for _ in range(3000)),
          encodings=("auto",))

# Invalid UTF-8, in a data field and in the header.
for label, bad in [("overlong-c0af", b"\xc0\xaf"), ("surrogate-eda080", b"\xed\xa0\x80"),
                   ("above-10ffff-f4908080", b"\xf4\x90\x80\x80"), ("lone-continuation", b"\x80"),
                   ("truncated-e4b8", b"\xe4\xb8"), ("overlong-e080af", b"\xe0\x80\xaf"), ("ff", b"\xff")]:
    write(f"utf8-row-{label}", lambda p, bad=bad: HEADERS[p] + b"\n" + good_row(p, b"x" + bad + b"y") + b"\n",
          encodings=("auto", "utf-8"))
    write(f"utf8-end-{label}", lambda p, bad=bad: HEADERS[p] + b"\n" + good_row(p, b"x" + bad),
          encodings=("auto", "utf-8"))
    write(f"utf8-header-{label}", lambda p, bad=bad: HEADERS[p][:-2] + bad + b"\n" + good_row(p) + b"\n",
          encodings=("auto", "utf-8"))
# Invalid UTF-8 far into the file, after the first chunk (a valid start, so auto picks UTF-8).
write("utf8-late-surrogate", lambda p: HEADERS[p] + b"\n" + (good_row(p) + b"\n") * 3000 + good_row(p, b"\xed\xa0\x80") + b"\n",
      encodings=("auto",))

# Quotes left open, stray quotes.
write("open-quote-row", lambda p: HEADERS[p] + b"\n" + good_row(p, b"\"open quote") + b"\n")
write("open-quote-header", lambda p: b"\"" + HEADERS[p] + b"\n" + good_row(p) + b"\n")
write("quote-in-unquoted", lambda p: HEADERS[p] + b"\n" + good_row(p, b"a\"b\"c") + b"\n")
write("text-after-quote", lambda p: HEADERS[p] + b"\n" + good_row(p, b"\"ab\"cd") + b"\n")
write("open-quote-eof-huge", lambda p: HEADERS[p] + b"\n" + good_row(p, b"\"") + b"x" * 300000)

# NUL bytes.
write("nul-field", lambda p: HEADERS[p] + b"\n" + good_row(p, b"a\x00b") + b"\n")
write("nul-header", lambda p: HEADERS[p][:4] + b"\x00" + HEADERS[p][4:] + b"\n" + good_row(p) + b"\n")
write("all-nul", b"\x00" * 4096)
write("nul-quoted", lambda p: HEADERS[p] + b"\n" + good_row(p, b"\"a\x00b\"") + b"\n")

# Big fields: 1 MB (10^6 bytes), exactly 1 MiB, one byte more, 1 MiB of three-byte characters,
# and an unending line with no comma or newline.
write("field-1mb", lambda p: HEADERS[p] + b"\n" + good_row(p, b"A" * 1_000_000) + b"\n")
write("field-1mib", lambda p: HEADERS[p] + b"\n" + good_row(p, b"B" * 1_048_576) + b"\n")
write("field-1mib-plus-1", lambda p: HEADERS[p] + b"\n" + good_row(p, b"C" * 1_048_577) + b"\n")
write("field-1mib-quoted", lambda p: HEADERS[p] + b"\n" + good_row(p, b"\"" + b"D\"\"" * 400_000 + b"\"") + b"\n")
write("field-1mib-cjk", lambda p: HEADERS[p] + b"\n" + good_row(p, "查".encode() * 349_526) + b"\n")
write("line-2mib", b"a" * 2_097_152)

# A header of a million columns (a line of a million commas), of a million named columns, and a
# data row of a million fields.
write("header-1m-commas", b"," * 1_000_000 + b"\n")
write("header-1m-named", lambda p: HEADERS[p] + b"," + b"x," * 1_000_000 + b"\n" + good_row(p) + b"\n")
write("row-1m-commas", lambda p: HEADERS[p] + b"\n" + b"," * 1_000_000 + b"\n")
write("many-blank-lines", lambda p: HEADERS[p] + b"\n" + b"\r\n" * 200_000 + good_row(p, b"blank") + b"\n")

# Big5 garbage: lead bytes with invalid trails, lone leads, user-defined characters, and bytes
# from the Big5 ranges at random, with a Big5 header before them.
big5 = {p: HEADERS[p].decode().encode("cp950") for p in HEADERS}
r = rng(300)
b5noise = bytes(r.choice([r.randint(0x81, 0xFE), r.randint(0x40, 0x7E), r.randint(0xA1, 0xFE), r.randint(0, 0x3F)])
                for _ in range(20000))
write("big5-noise", lambda p: big5[p] + b"\r\n" + b5noise, encodings=("auto", "big5"))
write("big5-bad-trail", lambda p: big5[p] + b"\r\n" + good_row(p, b"\xa4\x20") + b"\r\n", encodings=("auto", "big5"))
write("big5-lone-lead-eof", lambda p: big5[p] + b"\r\n" + good_row(p, b"\xa4"), encodings=("auto", "big5"))
write("big5-user-defined", lambda p: big5[p] + b"\r\n" + good_row(p, b"\xfa\x40\x81\x40") + b"\r\n",
      encodings=("auto", "big5"))
write("big5-header-utf8-rows", lambda p: big5[p] + b"\r\n" + good_row(p, "中文".encode()) + b"\r\n",
      encodings=("auto", "big5", "utf-8"))

# Byte-order marks and line ends.
write("utf16le", lambda p: b"\xff\xfe" + (HEADERS[p].decode() + "\r\n").encode("utf-16-le"))
write("bom-only", b"\xef\xbb\xbf")
write("bom-twice", lambda p: b"\xef\xbb\xbf\xef\xbb\xbf" + HEADERS[p] + b"\n" + good_row(p) + b"\n")
write("bom-big5", lambda p: b"\xef\xbb\xbf" + big5[p] + b"\n", encodings=("big5",))
write("cr-only", lambda p: HEADERS[p] + b"\r" + good_row(p, b"\"a\rb") + b"\r")

# Control characters and terminal escapes where a message may quote them.
write("escape-user", lambda p: HEADERS[p] + b"\n" + good_row(p).replace(b"wang", b"\x1b]0;owned\x07\x1b[2J\x1b[31mwang") + b"\n")
write("c1-user", lambda p: HEADERS[p] + b"\n" + good_row(p).replace(b"wang", b"\xc2\x9b2J\xc2\x9d0;owned\xc2\x9cwang") + b"\n")
write("escape-header", lambda p: HEADERS[p] + b",\x1b[2Jx\rmore\n" + good_row(p) + b",1\n")
write("newline-in-header", lambda p: HEADERS[p] + b",\"a\nb\"\n" + good_row(p) + b",1\n")

with open(os.path.join(out, "manifest"), "w") as f:
    f.write("\n".join(runs) + "\n")
