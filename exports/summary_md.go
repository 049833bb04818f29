package exports

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/cpmap/cpmap/mapping"
)

// WriteSummaryMarkdown writes the per-country summary s as Markdown
// (CommonMark with GitHub tables). Every text from the dataset is escaped,
// so that it reads as text and never as markup.
func WriteSummaryMarkdown(w io.Writer, s *mapping.Summary) error {
	v := newSummaryView(s)
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	e := mdText

	p("# %s: progress towards ending corporal punishment\n\n", e(v.Title))
	if v.Subtitle != "" {
		p("*%s*\n\n", e(v.Subtitle))
	}
	p("%s  \n%s\n\n", e(v.StatusOn), e(v.DataLine))
	p("**%s**: %s.", e(v.Category), e(v.CategoryWhy))
	for _, h := range v.Headline {
		p(" %s", e(h))
	}
	p("\n\n")

	p("## Legal status by setting\n\n")
	p("| Setting | Status | Law | Dates | Source |\n|---|---|---|---|---|\n")
	for _, st := range v.Settings {
		p("| %s | %s%s | %s | %s | %s |\n", e(st.Setting), e(st.Status), st.Mark, e(st.Law), e(st.Dates), e(st.Cite))
	}
	p("\n")
	for _, n := range v.Notes {
		p("%s %s: %s.  \n", n.Mark, e(capitalise(n.Text)), e(strings.Join(n.Where, ", ")))
	}
	if len(v.Notes) > 0 {
		p("\n")
	}
	if len(v.Quotes) > 0 {
		p("Wording of the law:\n\n")
		writeMDList(b, v.Quotes)
	}
	if len(v.Pending) > 0 {
		p("Adopted, not yet in force:\n\n")
		writeMDList(b, v.Pending)
	}

	p("## Progress towards elimination\n\n")
	p("| Step | Level | Searched |\n|---|---|---|\n")
	for _, st := range v.Steps {
		p("| %d. %s | %s | %s |\n", st.Number, e(st.Label), e(st.Level), e(st.Searched))
	}
	p("\n")
	for _, st := range v.Steps {
		p("### %d. %s: %s\n\n", st.Number, e(st.Label), e(st.Level))
		p("%s.", e(st.Reason))
		if st.Gap != "" {
			p(" Missing: %s.", e(st.Gap))
		}
		p("\n\n")
		if len(st.Evidence) > 0 {
			writeMDList(b, st.Evidence)
		}
	}

	if len(v.Trends) > 0 {
		p("## Survey trends\n\n%s\n\n", e(trendsNote))
		p("| Survey | Respondents | Points | Latest | Change | Direction | Source |\n|---|---|---|---|---|---|---|\n")
		for _, tr := range v.Trends {
			resp := tr.Respondents
			if tr.Population != "" {
				resp += " (" + tr.Population + ")"
			}
			p("| %s | %s | %s | %s | %s | %s | %s |\n", e(tr.Label), e(resp), e(tr.Points), e(tr.Latest), e(tr.Change), e(tr.Direction), e(tr.Cite))
		}
		p("\n")
	}

	if len(v.Changes) > 0 {
		p("## Changes in the law and commitments\n\n")
		writeMDList(b, v.Changes)
	}
	if len(v.Gaps) > 0 {
		p("## What the data do not tell\n\n")
		writeMDList(b, v.Gaps)
	}
	if len(v.Refs) > 0 {
		p("## References\n\n%s\n", mdRefs(v.Refs))
	}
	p("---\n\n%s. %s %s\n", e(v.Attribution), e(v.StatusOn), e(v.DataLine))
	return b.Flush()
}

func writeMDList(b *bufio.Writer, items []string) {
	for _, it := range items {
		fmt.Fprintf(b, "- %s\n", mdText(it))
	}
	b.WriteString("\n")
}

// mdInline are the characters that can start Markdown or HTML markup
// anywhere in a line.
const mdInline = "\\`*_[]<>|~&"

// leadingList matches a start that Markdown reads as a list item, heading,
// block quote or rule when a value begins a line or a list item.
var leadingList = regexp.MustCompile(`^(\d+)([.)])`)

// MarkdownText escapes a value for Markdown text, as the summaries do:
// every character that could start markup gets a backslash and line breaks
// become spaces, so that a value stays text within its line, table cell or
// list item.
func MarkdownText(s string) string { return mdText(s) }

// mdText escapes s for Markdown text: every character that could start
// markup gets a backslash, a start that could open a block (# heading,
// - list, 1. list, > quote) is escaped too, and line breaks become spaces, so
// that a value never leaves its line, table cell or list item.
func mdText(s string) string {
	s = strings.Join(fields(s), " ")
	var b strings.Builder
	if m := leadingList.FindStringSubmatchIndex(s); m != nil {
		b.WriteString(s[:m[4]] + "\\")
		s = s[m[4]:]
	} else if s != "" && strings.ContainsRune("#+-=", rune(s[0])) {
		b.WriteByte('\\')
	}
	for _, r := range s {
		if strings.ContainsRune(mdInline, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCode prepares s for a code span: backticks and line breaks cannot occur
// in ids, but a hostile value is made harmless anyway.
func mdCode(s string) string {
	s = strings.Join(fields(s), " ")
	return mdCodeReplacer.Replace(s)
}

// mdCodeReplacer is made once: making one costs more than a replacement.
var mdCodeReplacer = strings.NewReplacer("`", "'", "|", "\\|")
