#pragma once
// The official questions — Annex 2 items 1–4, Annex 3 items 1–6 — each answered by one evaluator
// over a period (spec §4 "one evaluator"). `audit monthly` asks them of a month, `audit
// supervision` of a year, the county of any office: a form is a view of these answers, so two
// forms can never answer one question differently.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imcomply/usage.hpp"

namespace imcomply {

/// The official wording of a question (1–4 as Annex 2 prints them, 5–6 Annex 3's); "" otherwise.
std::string_view official_item_title(int number);

/// The days a question is asked about, both ends included.
struct Period {
  Date from{}, to{};
  /// The month whose Annex 2 is being drafted: its own record and sign-offs are not yet due.
  std::optional<Month> drafting;
  static Period of(Month month);  ///< a month, drafting its Annex 2
  static Period of(int year);     ///< a calendar year
  /// Within one calendar month: the evidence speaks of 本月 rather than naming each month.
  bool one_month() const { return from.year == to.year && from.month == to.month; }
};

/// One question's answer: whether the records conform (符合 / 是), and the lines that say why.
struct Answer {
  int number = 0;  ///< 1..6
  bool conforms = true;
  std::vector<std::string> evidence;
};

/// 1. Account applications (R3.2): every account approved at the head's, the county's and the
///    Agency's stage, none by its own holder; applications still open are shown.
Answer applications_question(Session& s, const Period& period);

/// 2. Duty changes (R3.4, R3.6): 不符 when on any day of the period an account stood open past its
///    deadline (however late it was terminated, or not yet), a termination was recorded after its
///    deadline with an earlier date, or a lost certificate was not yet notified to the Agency.
Answer duty_changes_question(Session& s, const Period& period);

struct CountRow {
  std::string key;    ///< a login, an item, "09", "1 Mon"
  std::string label;  ///< the person's name, the item's Chinese name, "09:00", "週一" (may equal key)
  std::int64_t count = 0;
};

/// One month's queries as R4.3 asks them to be audited: counted by user, item, hour and weekday,
/// with the outliers a person must explain, and the findings that make item 3 不符.
struct QueryAnalysis {
  Month month;
  bool from_system_log = false;  ///< else counted from the usage log: the month's log was not imported
  std::int64_t queries = 0;
  std::vector<CountRow> by_user, by_item, by_hour, by_weekday;
  std::vector<std::string> outliers;  ///< far above peers, off-hours, weekends, one subject by several
  std::vector<std::string> findings;  ///< beyond the grant or [necessity], unlogged queries, no system log
  std::vector<std::string> notes;     ///< evidence that is no finding (usage entries with no query)
};
QueryAnalysis analyse_queries(Session& s, Month month);

/// 3. Scope, frequency and fields (R4.3): each month of the period that has begun analysed, and
///    each that has ended (but the one being drafted) with its item 3 recorded.
struct NecessityAnswer {
  Answer answer;
  std::vector<QueryAnalysis> months;  ///< in month order
};
NecessityAnswer necessity_question(Session& s, const Period& period);

/// 4. Security measures (R3.5, R3.7, R4.1, R4.4, §6, §7): the usage log checked, the forms of the
///    period's ended months signed, the journal sealed each month and intact, data destroyed by its
///    destroy-by day (even if destroyed since), the audit functions registered with the Agency, a
///    closed permission review for each half-year in force, duties separated.
/// How item 4 speaks of the journal: Annex 2 checks each month was sealed (the month's record is
/// drafted often, and recomputing a county's chain takes minutes: that is `audit verify`'s job);
/// Annex 3, once a year, recomputes the chain as well (journal_verification).
enum class ChainCheck { sealed, recomputed };
Answer security_question(Session& s, const Period& period, ChainCheck chain);

/// 5. Usage logs kept at least five years (R4.1).
Answer retention_question(Session& s, const Period& period);

/// 6. At least two unannounced audits in each calendar year of the period (R4.2).
Answer unannounced_audits_question(Session& s, const Period& period);

/// Separation of duties (spec §6): one person holding admin and auditor, an auditor's own
/// queries, an admin's own account changes (those recorded within [from, to]). One line each.
std::vector<std::string> separation_findings(Session& s, std::optional<Date> from = std::nullopt,
                                             std::optional<Date> to = std::nullopt);

}  // namespace imcomply
