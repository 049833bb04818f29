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
		p("*%s*\n\n", e(capitalise(v.Subtitle)))
	}
	p("Data as of %s", v.AsOf)
	if v.LastVerified != "" {
		p("; legal status last verified %s", v.LastVerified)
	}
	p(".\n\n")
	p("**%s** (`%s`).", e(v.Category), v.CategoryCode)
	for _, h := range v.Headline {
		p(" %s", e(h))
	}
	p("\n\n")

	p("## Legal status by setting\n\n")
	p("| Setting | Status | Law | Dates | Source |\n|---|---|---|---|---|\n")
	for _, st := range v.Settings {
		status := e(st.Status)
		if len(st.Flags) > 0 {
			status += " (" + e(strings.Join(st.Flags, "; ")) + ")"
		}
		p("| %s | %s | %s | %s | %s |\n", e(st.Setting), status, e(st.Law), e(st.Dates), e(st.Sources))
	}
	p("\n")
	var quoted bool
	for _, st := range v.Settings {
		for _, q := range st.Quotes {
			if !quoted {
				p("Wording of the law:\n\n")
				quoted = true
			}
			p("- %s: %s\n", e(st.Setting), e(q))
		}
	}
	if quoted {
		p("\n")
	}
	if len(v.Pending) > 0 {
		p("Adopted, not yet in force:\n\n")
		for _, l := range v.Pending {
			p("- %s\n", e(l))
		}
		p("\n")
	}

	p("## Progress towards elimination\n\n")
	p("| Step | Level | Gap |\n|---|---|---|\n")
	for _, st := range v.Steps {
		p("| %d. %s | %s | %s |\n", st.Number, e(st.Label), e(st.Level), e(st.Gap))
	}
	p("\n")
	for _, st := range v.Steps {
		p("### %d. %s: %s\n\n", st.Number, e(st.Label), e(st.Level))
		p("%s.\n\n", e(st.Reason))
		if st.Gap != "" {
			p("Gap: %s.\n\n", e(st.Gap))
		}
		if len(st.Evidence) > 0 {
			p("Evidence:\n\n")
			for _, ev := range st.Evidence {
				p("- %s (%s `%s`; source `%s`)\n", e(ev.What), ev.Table, mdCode(ev.ID), mdCode(ev.Source))
			}
			p("\n")
		}
	}

	p("## Survey trends\n\n")
	if len(v.Trends) == 0 {
		p("No survey is recorded.\n\n")
	} else {
		p("Each row is one series of comparable surveys; different series are never joined. The change per year is the least-squares slope since the latest break in the series.\n\n")
		p("| Series | Indicator | Respondents | Points | Latest | Change | Direction |\n|---|---|---|---|---|---|---|\n")
		for _, tr := range v.Trends {
			resp := tr.Respondents
			if tr.Population != "" {
				resp += " (" + tr.Population + ")"
			}
			p("| %s | %s | %s | %s | %s | %s | %s |\n", e(tr.Series), e(tr.Indicator), e(resp), e(tr.Points), e(tr.Latest), e(tr.Change), e(tr.Direction))
		}
		p("\n")
	}

	p("## Changes in the law\n\n")
	if len(v.Changes) == 0 {
		p("No dated change of legal status is recorded.\n\n")
	}
	for _, c := range v.Changes {
		if c.ID == "" {
			p("- %s (source `%s`)\n", e(c.Date+", "+c.What), mdCode(c.Source))
			continue
		}
		p("- %s (provision `%s`; source `%s`)\n", e(c.Date+", "+c.What), mdCode(c.ID), mdCode(c.Source))
	}
	if len(v.Changes) > 0 {
		p("\n")
	}

	p("## Data gaps\n\n")
	writeMDList(b, v.Gaps, "None recorded.")
	p("## Unconfirmed facts\n\n")
	writeMDList(b, v.Unconfirmed, "None.")

	p("## Sources\n\n")
	if len(v.Sources) == 0 {
		p("None cited.\n\n")
	}
	for _, src := range v.Sources {
		p("- `%s`: %s\n", mdCode(src.ID), e(src.Citation))
	}
	if len(v.Sources) > 0 {
		p("\n")
	}
	p("---\n\n%s. Data as of %s.\n", e(v.Attribution), v.AsOf)
	return b.Flush()
}

func writeMDList(b *bufio.Writer, items []string, none string) {
	if len(items) == 0 {
		fmt.Fprintf(b, "%s\n\n", none)
		return
	}
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
	s = strings.Join(strings.Fields(s), " ")
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
	s = strings.Join(strings.Fields(s), " ")
	return mdCodeReplacer.Replace(s)
}

// mdCodeReplacer is made once: making one costs more than a replacement.
var mdCodeReplacer = strings.NewReplacer("`", "'", "|", "\\|")
