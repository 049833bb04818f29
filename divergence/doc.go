// Package divergence owns double coding: two researchers code the same
// jurisdictions independently and their codings are compared answer by
// answer (Temple University's LawAtlas method).
//
// Compare pairs the records of two codings by natural key and reports the
// divergent answers, the records only one coder has and the divergence
// rate, overall and by table, field and jurisdiction; a Rule turns the rate
// into a Recommendation of how much to double-code. The review workbook's
// layout (ReviewSheet, ReviewColumns) is shared by its writer in exports
// and its reader in importers; Resolve applies the reviewed answers, as
// Resolutions, to a copy of a dataset.
//
// It imports only dataset of cpmap.
package divergence
