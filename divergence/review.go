package divergence

// ResolvedEmpty is the resolved value that leaves a field blank.
const ResolvedEmpty = "(empty)"

// ReviewSheet is the sheet of a review workbook that holds the divergences,
// one a row below a header of ReviewColumns.
const ReviewSheet = "Review"

// ReviewColumn is a column of the review sheet: its header, and the name a
// Resolution's Origin gives its cells.
type ReviewColumn struct {
	Header string
	Cell   string
}

// ReviewColumns are the columns of the review sheet, in order: the writer
// of the review workbook and its reader share them.
var ReviewColumns = []ReviewColumn{
	{"Table", "table"},
	{"Record", "record"},
	{"Field", "field"},
	{"Divergence", "kind"},
	{"Coder A", "a"},
	{"A cell", "a_pos"},
	{"Coder B", "b"},
	{"B cell", "b_pos"},
	{"Resolved value", "value"},
	{"Reviewer note", "note"},
}
