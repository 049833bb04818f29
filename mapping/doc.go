// Package mapping is the legal and policy map built from the dataset: the
// status of every jurisdiction and setting as of a date, the category of each
// jurisdiction as the Global Initiative to End All Corporal Punishment of
// Children's map uses them, the five-step progress towards elimination, survey
// trends, the timeline of legal change and the per-country summary. Every
// answer carries its evidence: the ids of the records it rests on and the
// sources they cite.
//
// It imports only dataset. It never reads the clock: every function takes the
// date it answers for.
//
// # Status as of a date
//
// The provisions of one jurisdiction and setting form a timeline of periods
// [start, until), where start is in_force, or adopted when in_force is not
// recorded (the answer is then flagged FromAdopted), and an empty until means
// the status still applies. A provision with neither date (validation allows
// it only as the sole row of its timeline) speaks from the date it is
// attested, its verified_on, else its source's published, else its source's
// accessed date, and is unknown before that (flagged Undated, with
// AttestedFrom); one with no date at all speaks for no date (Unplaced).
// Before the earliest recorded period the status is unknown, except before a
// setting's first dated prohibition: there no ban was yet in force, and the
// status is not_prohibited, flagged Inferred with the ban it comes before. A
// provision certainly adopted by the date (the last day of its adopted date
// is on or before it) but in force after it is reported as Pending; it does
// not change the status.
//
// Dates of reduced precision are periods: a status that started in "1979"
// started on some day of 1979. On a date that falls within such a boundary
// (1979-03-01 against "1979") the status is Uncertain and Possible lists what
// it may be, unless every reading gives the same status (a provision "until
// 2010" followed by one "from 2010" with the same status). On the last day of
// the period the change has certainly happened.
//
// # Categories
//
// A jurisdiction is AllSettings when all six settings are prohibited on the
// date. Only the status prohibited counts, as in the Global Initiative's
// count: unlawful_not_explicit (unlawful without an explicit ban) and
// prohibited_unidentified (legislation not identified) do not, nor does an
// uncertain setting. Otherwise it is Committed when a commitment to full
// prohibition is current on the date, SomeSettings when at least one setting
// is prohibited, and None otherwise. CategoryUncertain says that a setting
// whose status is uncertain or unknown could change the category (a
// jurisdiction with nothing recorded is None, and uncertain).
//
// # Progress: the five steps
//
// The steps follow the Global Initiative's guidance on implementing
// prohibition: Enact, Plan, Communicate, SupportParents, Evaluate. Each is Met,
// Partial, NotMet or NoData under a Rubric (kept in config.yaml by cpmap).
// A level that rests on the absence of records (no action plan, no recent
// campaign, no programme running, no repeated survey) is NotMet only where a
// complete search of the step's topic (coverage.csv) speaks for the date: it
// was made on or after the date, or at most Rubric.CoverageMonths before it.
// Elsewhere the step is NoData, and its gap says what to search: absence of a
// record is a gap in the research until someone has looked. Recording a
// record can so never, by itself, turn NoData into NotMet. Each step says
// what was searched and when (Searched). The rules of each step are
// documented on the Step constants. Records that start after the as-of date
// (a plan, campaign or programme starting later, a survey of a later year)
// are not taken into account.
//
// # Groups
//
// Select picks the members of a group on a date from memberships.csv: a
// membership holds from the first day of from up to the day before the last
// day of until (Russia, until 2022-05-17, is a CBSS member on 2022-05-16 and
// not on 2022-05-17). Commitments are read the same way.
package mapping
