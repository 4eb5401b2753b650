// purge history: the destruction records, kept as the proof; one row per run or confirmation.
// The table keeps to what a person reads (under 100 columns); json and csv carry every field.
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "imcomply/purge.hpp"

namespace imcomply::purge_app {
namespace {

struct Options {
  std::optional<std::string> since, kind;
  bool nonzero = false;
};

constexpr const auto& kinds = destruction_kinds;

bool has_held(std::string_view kind) { return kind == "usage_entries" || kind == "system_queries"; }
bool has_days(std::string_view kind) { return kind != "obtained_data"; }

std::string kind_label(const cli::Context& ctx, std::string_view kind) {
  if (kind == "usage_entries") return ctx.t("Entries", "使用紀錄");
  if (kind == "system_queries") return ctx.t("Sys log", "系統紀錄");
  if (kind == "obtained_data") return ctx.t("Data", "資料");
  if (kind == "files") return ctx.t("Files", "檔案");
  return ctx.t("Paper", "紙本");
}

std::string_view state_name(DestructionRecord::State state) {
  switch (state) {
    case DestructionRecord::State::complete: return "complete";
    case DestructionRecord::State::wal_kept: return "wal_kept";
    case DestructionRecord::State::unfinished: return "unfinished";
    case DestructionRecord::State::confirmed: break;
  }
  return "confirmed";
}

/// The table's method: a run's in a few words (its full text is in json and csv), a person's as given.
std::string short_method(const cli::Context& ctx, const DestructionRecord& r) {
  switch (r.state) {
    case DestructionRecord::State::complete: return ctx.t("purge", "清除");
    case DestructionRecord::State::wal_kept: return ctx.t("purge; WAL NOT truncated", "清除；WAL 未截斷");
    case DestructionRecord::State::unfinished: return ctx.t("purge; unfinished", "清除；未完成");
    case DestructionRecord::State::confirmed: break;
  }
  return r.method;
}

Cell count_cell(const DestructionRecord& r, std::string_view kind) {
  const auto* c = r.count_of(kind);
  return c ? Cell(c->count) : Cell();
}

/// What a person reads: day, counts (of --kind only, when given), held, operator, method, witness.
Table short_table(const cli::Context& ctx, const std::vector<DestructionRecord>& records, const std::optional<std::string>& kind) {
  std::vector<std::string_view> shown;
  if (kind)
    shown.push_back(*kind);
  else
    shown.assign(kinds.begin(), kinds.end());
  const bool held = !kind || has_held(*kind);
  Table t{"history", "", {{"day", ctx.t("Day", "日期")}}, {}};
  for (const auto k : shown) t.columns.push_back({std::string(k), kind_label(ctx, k)});
  if (held) t.columns.push_back({"held", ctx.t("Held", "保留")});
  t.columns.insert(t.columns.end(),
                   {{"operator", ctx.t("By", "執行人")}, {"method", ctx.t("Method", "方式")}, {"witness", ctx.t("Witness", "監銷人")}});
  for (const auto& r : records) {
    std::vector<Cell> row{ctx.date(taiwan_date(r.done_at))};
    for (const auto k : shown) row.push_back(count_cell(r, k));
    if (held) {  // blank for a confirmation: no hold keeps what a person destroys
      std::optional<std::int64_t> n;
      for (const auto& c : r.counts)
        if (has_held(c.kind) && (!kind || c.kind == *kind)) n = n.value_or(0) + c.held;
      row.push_back(n ? Cell(*n) : Cell());
    }
    row.insert(row.end(), {r.operator_login, short_method(ctx, r), r.witness ? Cell(*r.witness) : Cell()});
    t.rows.push_back(std::move(row));
  }
  return t;
}

/// For scripts: every field, stable keys, ISO dates; a kind the record does not hold is null.
Table full_table(const std::vector<DestructionRecord>& records) {
  Table t{"history", "", {}, {}};
  for (const char* key : {"run_id", "done_at", "state", "rule", "cutoff", "journal", "operator", "method", "witness"})
    t.columns.push_back({key, key});
  for (const auto k : kinds) {
    t.columns.push_back({std::string(k), std::string(k)});
    if (has_held(k)) t.columns.push_back({fmt::format("{}_held", k), fmt::format("{}_held", k)});
    if (has_days(k))
      for (const char* end : {"first", "last"}) t.columns.push_back({fmt::format("{}_{}", k, end), fmt::format("{}_{}", k, end)});
  }
  const auto day = [](const std::optional<Date>& d) { return d ? Cell(format_date(*d)) : Cell(); };
  for (const auto& r : records) {
    std::vector<Cell> row{r.run_id,  format_time(r.done_at), std::string(state_name(r.state)), r.rule, format_date(r.cutoff),
                          r.journal_hash, r.operator_login, r.method, r.witness ? Cell(*r.witness) : Cell()};
    for (const auto k : kinds) {
      const auto* c = r.count_of(k);
      row.push_back(c ? Cell(c->count) : Cell());
      if (has_held(k)) row.push_back(c ? Cell(c->held) : Cell());
      if (has_days(k)) {
        row.push_back(c ? day(c->first) : Cell());
        row.push_back(c ? day(c->last) : Cell());
      }
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

void setup_history(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("history", "List destruction records, one per run or confirmation", [o](cli::Context& ctx) {
    auto s = ctx.session();
    const auto records = destruction_history(s, HistoryFilter{cli::date_flag(o->since, "--since"), o->kind, o->nonzero});
    ctx.print(Document{{ctx.format() == Format::table ? short_table(ctx, records, o->kind) : full_table(records)}});
    return 0;
  });
  sub->add_option("--since", o->since, "Only records from this day on");
  sub->add_option("--kind", o->kind, "Only records of this kind: usage_entries, system_queries, obtained_data, files, paper");
  sub->add_flag("--nonzero", o->nonzero, "Only records that destroyed something (of --kind, when given)");
}

}  // namespace imcomply::purge_app
