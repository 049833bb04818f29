package exports

import (
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// The helpers every human rendering shares: numbered references by title,
// footnote marks that fold repeated caveats into one explained list, the
// line about the data's own date, and wrapping of text output.

// maxLine is the longest line of text output.
const maxLine = 100

// refView is one numbered reference: title, publisher and year, and the
// address it links to ("" when it has none that may be linked).
type refView struct {
	N int
	// Text is the whole citation; Title its title and More the rest
	// (publisher and year), for pages that link the title.
	Text, Title, More string
	URL               string
}

// refs numbers the sources a rendering cites in the order it first cites
// them, so that the text says [1] and the list at the end names the title.
type refs struct {
	lookup func(id string) (mapping.SourceRef, bool)
	num    map[string]int
	order  []string
}

// newRefs returns an empty list of references; lookup finds a source by
// id, and may be nil when no source is known.
func newRefs(lookup func(string) (mapping.SourceRef, bool)) *refs {
	return &refs{lookup: lookup, num: map[string]int{}}
}

// n returns the number of source id, numbering it if it is new; 0 for "".
func (r *refs) n(id string) int {
	if id == "" {
		return 0
	}
	if n, ok := r.num[id]; ok {
		return n
	}
	r.order = append(r.order, id)
	r.num[id] = len(r.order)
	return len(r.order)
}

// cite returns the mark of source id in the text, "[3]", or "".
func (r *refs) cite(ids ...string) string {
	var ns []int
	for _, id := range ids {
		if n := r.n(id); n > 0 && !slices.Contains(ns, n) {
			ns = append(ns, n)
		}
	}
	if len(ns) == 0 {
		return ""
	}
	slices.Sort(ns)
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// list returns the references cited so far, in number order.
func (r *refs) list() []refView {
	out := make([]refView, 0, len(r.order))
	for i, id := range r.order {
		var src mapping.SourceRef
		ok := false
		if r.lookup != nil {
			src, ok = r.lookup(id)
		}
		v := refView{N: i + 1, Text: "A source not in the sources table.", Title: "A source not in the sources table."}
		if ok {
			v.Title, v.More = citationParts(src)
			v.Text = v.Title + v.More
			if LinkableURL(src.URL) {
				v.URL = src.URL
			}
		}
		out = append(out, v)
	}
	return out
}

// citationParts cites a source by title, and publisher and year: "Title."
// and " Publisher, 2017."
func citationParts(s mapping.SourceRef) (title, more string) {
	title = strings.TrimSuffix(oneLine(s.Title), ".")
	if title == "" {
		title = "Untitled source"
	}
	var parts []string
	if s.Publisher != "" {
		parts = append(parts, strings.TrimSuffix(oneLine(s.Publisher), "."))
	}
	if !s.Published.IsZero() {
		parts = append(parts, strconv.Itoa(s.Published.Year()))
	} else if !s.Accessed.IsZero() {
		parts = append(parts, "accessed "+s.Accessed.String())
	}
	if len(parts) > 0 {
		more = " " + strings.Join(parts, ", ") + "."
	}
	return title + ".", more
}

// mdURL returns an address for a Markdown autolink, <…>, unescaped but for
// the characters an autolink cannot hold.
func mdURL(u string) string {
	return strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20").Replace(u)
}

// mdRefs writes the numbered references as a Markdown list, each title
// linked to its address.
func mdRefs(refs []refView) string {
	var b strings.Builder
	for _, r := range refs {
		fmt.Fprintf(&b, "%d. %s", r.N, mdText(r.Text))
		if r.URL != "" {
			fmt.Fprintf(&b, " <%s>", mdURL(r.URL))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// textRefs writes the numbered references for text output, wrapped.
func textRefs(refs []refView) string {
	var b strings.Builder
	for _, r := range refs {
		text := r.Text
		if r.URL != "" {
			text += " " + r.URL
		}
		b.WriteString(wrap(fmt.Sprintf("[%d] ", r.N), "    ", text))
	}
	return b.String()
}

// footnotes folds the caveats of many cells into numbered notes: each
// different caveat is one note, listing where it applies.
type footnotes struct {
	num   map[string]int
	order []string
	where map[string][]string
}

func newFootnotes() *footnotes {
	return &footnotes{num: map[string]int{}, where: map[string][]string{}}
}

// mark returns the marks of notes at place, "¹²", numbering new notes.
func (f *footnotes) mark(place string, notes ...string) string {
	var ns []int
	for _, n := range notes {
		i, ok := f.num[n]
		if !ok {
			f.order = append(f.order, n)
			i = len(f.order)
			f.num[n] = i
		}
		if !slices.Contains(f.where[n], place) {
			f.where[n] = append(f.where[n], place)
		}
		if !slices.Contains(ns, i) {
			ns = append(ns, i)
		}
	}
	slices.Sort(ns)
	var b strings.Builder
	for _, i := range ns {
		b.WriteString(superscript(i))
	}
	return b.String()
}

// noteView is one footnote: its mark, its text and where it applies.
type noteView struct {
	Mark, Text string
	Where      []string
}

func (f *footnotes) list() []noteView {
	out := make([]noteView, len(f.order))
	for i, n := range f.order {
		out[i] = noteView{Mark: superscript(i + 1), Text: n, Where: f.where[n]}
	}
	return out
}

// superscript writes n in superscript digits.
func superscript(n int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	d := []rune(digits)
	var b strings.Builder
	for _, c := range strconv.Itoa(n) {
		b.WriteRune(d[c-'0'])
	}
	return b.String()
}

// cellCaveats returns the caveats of a cell in words, and the laws adopted
// but not yet in force.
func cellCaveats(c mapping.Cell) []string {
	var out []string
	for _, cv := range mapping.CellCaveats(c) {
		out = append(out, cv.Text)
	}
	for _, p := range c.Pending {
		out = append(out, fmt.Sprintf("new law adopted %s, in force %s: %s", p.Adopted, p.InForce, mapping.StatusLabel(p.Status)))
	}
	return out
}

// dataDateLine says the date of the data itself, apart from the as-of date
// of the view: "Data checked up to 2026-11-20 (Iceland: 2025-03)." name
// names a jurisdiction by code.
func dataDateLine(d mapping.DataDate, name func(string) string) string {
	if d.Latest.IsZero() {
		return "The data carry no date of checking."
	}
	s := "Data checked up to " + d.Latest.String()
	var differ []string
	for _, code := range d.Differs() {
		differ = append(differ, name(code)+": "+d.ByJurisdiction[code].String())
	}
	if len(differ) > 0 && len(differ) <= 6 {
		s += " (" + strings.Join(differ, "; ") + ")"
	} else if len(differ) > 6 {
		s += fmt.Sprintf(" (earlier for %d jurisdictions; see each country page)", len(differ))
	}
	if len(d.Undated) > 0 {
		var names []string
		for _, code := range d.Undated {
			names = append(names, name(code))
		}
		s += "; no date of checking for " + mapping.JoinWords(names)
	}
	return s + "."
}

// summaryDataLine says the date of one jurisdiction's data.
func summaryDataLine(d dataset.Date) string {
	if d.IsZero() {
		return "The data carry no date of checking."
	}
	return "Data checked up to " + d.String() + "."
}

// wrap writes text after first, wrapped at maxLine, with later lines
// indented by indent.
func wrap(first, indent, text string) string {
	var b strings.Builder
	line := first
	empty := true
	for _, w := range fields(text) {
		if !empty && len([]rune(line))+1+len([]rune(w)) > maxLine {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line, empty = indent, true
		}
		if !empty {
			line += " "
		}
		line += w
		empty = false
	}
	b.WriteString(strings.TrimRight(line, " ") + "\n")
	return b.String()
}

// linkHref returns u when it may be linked from a page, else "".
func linkHref(u string) string {
	if LinkableURL(u) {
		if _, err := url.Parse(u); err == nil {
			return u
		}
	}
	return ""
}

// textHead writes the head of a text report: its title and scope on one
// wrapped line, and the line about the date of the data when dd is not nil.
func textHead(w io.Writer, title, scope string, dd *mapping.DataDate, name func(string) string) {
	fmt.Fprint(w, wrap("", "", title+": "+scope))
	if dd != nil {
		fmt.Fprint(w, wrap("", "", dataDateLine(*dd, name)))
	}
	fmt.Fprintln(w)
}

// mdHead writes the head of a Markdown report: its title as a heading, its
// scope as a sentence, and the line about the date of the data when dd is
// not nil.
func mdHead(w io.Writer, title, scope string, dd *mapping.DataDate, name func(string) string) {
	fmt.Fprintf(w, "# %s\n\n%s.\n\n", mdText(title), mdText(capitalise(scope)))
	if dd != nil {
		fmt.Fprintf(w, "%s\n\n", mdText(dataDateLine(*dd, name)))
	}
}
