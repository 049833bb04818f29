package importers

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/xuri/excelize/v2"
)

// templateRows is how many rows below the header the template prepares
// (drop-down lists, number checks, text-formatted dates).
const templateRows = 1000

// listsSheet is the hidden sheet that holds the long drop-down lists.
const listsSheet = "lists"

// instructionsSheet is the template's first sheet.
const instructionsSheet = "Instructions"

// templateNotes says more about some columns than their kind does.
var templateNotes = map[string]string{
	"jurisdictions.code":             "The country or territory.",
	"jurisdictions.name":             "English short name. May be left empty: cpmap fills in the ISO 3166 name.",
	"jurisdictions.kind":             "state, or territory for e.g. the Faroe Islands and Greenland. May be left empty: cpmap knows which codes are territories.",
	"jurisdictions.parent":           "For a territory, the state it belongs to (FO and GL: DK).",
	"jurisdictions.child_population": "Children aged 0–17. Give its year and source with it.",
	"memberships.group":              "The group, e.g. CBSS.",
	"memberships.until":              "Empty while still a member.",
	"provisions.id":                  "Leave empty for a new row: cpmap makes one from the country, setting and start year (se-home-1979). To update a stored row, give its id (e.g. lv-school).",
	"provisions.status":              "prohibited: explicit ban in law; unlawful_not_explicit: unlawful without an explicit ban; prohibited_unidentified: reported prohibited, law not identified; partial: some forms or places only; not_prohibited: lawful; unknown: not yet researched. A status in square brackets, [prohibited], is unconfirmed.",
	"provisions.confirmed":           "false when the status is not confirmed (the Global Initiative's square brackets).",
	"provisions.adopted":             "When the law was passed.",
	"provisions.in_force":            "When it took effect. Never copy it from adopted: leave it empty if unknown.",
	"provisions.until":               "When this status stopped applying (repeal, replacement). Empty while it applies.",
	"provisions.instrument":          "The law, e.g. Parenthood and Guardianship Code.",
	"provisions.provision":           "Article or section, e.g. ch. 6 s. 1.",
	"provisions.quote":               "The wording of the provision.",
	"provisions.translation":         "The language status of the quote.",
	"provisions.verified_on":         "When you last checked it against the source.",
	"commitments.from":               "When the government committed itself to full prohibition.",
	"commitments.until":              "When the commitment was revoked or superseded by full prohibition.",
	"campaigns.id":                   "Leave empty for a new row: cpmap makes one from the countries, name and start year. To update a stored row, give its id.",
	"campaigns.jurisdictions":        "One or more countries; a regional campaign lists them all.",
	"campaigns.end":                  "Empty while ongoing.",
	"campaigns.lead":                 "The organisation that leads it.",
	"programmes.id":                  "Leave empty for a new row: cpmap makes one from the country, name and start year. To update a stored row, give its id.",
	"programmes.model":               "e.g. Incredible Years, Triple P, PMTO, ICDP.",
	"programmes.reach":               "Families or parents reached per year; give reach_year with it.",
	"surveys.id":                     "Leave empty for a new row: cpmap makes one from the series (or country and indicator) and year. To update a stored row, give its id.",
	"surveys.series":                 "Rows comparable over time (same question, population and method) share a series id.",
	"surveys.year":                   "The fieldwork year.",
	"surveys.value":                  "The percentage, 0–100.",
	"surveys.break":                  "true when the series' method or definition changed at this row.",
	"coverage.topic":                 "What you searched for: laws (provisions), government commitments, national action plans, campaigns, parenting programmes or surveys.",
	"coverage.checked_on":            "When you searched. The record speaks for dates up to then.",
	"coverage.complete":              "true when every item you found is recorded, so that what is absent was not found; false when the search was partial.",
	"coverage.source":                "The overview you searched (e.g. a country report or a ministry's list), if any.",
	"coverage.notes":                 "Where else you searched, and what you did not search.",
	"sources.id":                     "May be left empty: cpmap makes one from the URL or title. Other sheets cite a source by this id, or by its URL or title.",
	"sources.type":                   "May be left empty when a URL is given (website).",
}

// fieldHelp says what a template column holds.
func fieldHelp(t *dataset.Table, f *dataset.Field) string {
	var b strings.Builder
	if f.Required {
		b.WriteString("Required. ")
	}
	if note, ok := templateNotes[t.Name+"."+f.Name]; ok {
		b.WriteString(note + " ")
	}
	switch {
	case f.Ref == "sources":
		b.WriteString("The source: the id of a row of the sources sheet, or a URL or title (cpmap then adds it to sources).")
	case f.Kind == dataset.KindID:
		b.WriteString("An id: lower-case letters, digits and '-'.")
	case f.Kind == dataset.KindCode:
		b.WriteString("An ISO 3166-1 alpha-2 code such as SE (pick from the list), or the country's name.")
	case f.Kind == dataset.KindEnum:
		fmt.Fprintf(&b, "One of: %s.", strings.Join(dataset.Vocabularies[f.Vocab], ", "))
	case f.Kind == dataset.KindList && f.Vocab == "code":
		b.WriteString("One or more ISO 3166-1 alpha-2 codes, separated by ';' (SE;FI).")
	case f.Kind == dataset.KindList:
		fmt.Fprintf(&b, "One or more of: %s, separated by ';'.", strings.Join(dataset.Vocabularies[f.Vocab], ", "))
	case f.Kind == dataset.KindDate:
		b.WriteString("A date, only as precise as you know it: 1979, 1979-07 or 1979-07-01 (07/1979 and 1.07.1979 also work; day first).")
	case f.Kind == dataset.KindInteger:
		b.WriteString("A whole number")
		if f.Min != nil || f.Max != nil {
			b.WriteString(", " + rangeWords(f.Min, f.Max))
		}
		b.WriteString(".")
	case f.Kind == dataset.KindPercent:
		b.WriteString("A percentage from 0 to 100 (26.5).")
	case f.Kind == dataset.KindBoolean:
		b.WriteString("true or false.")
	case f.Kind == dataset.KindURL:
		b.WriteString("A web address starting with http:// or https://.")
	default:
		b.WriteString("Text.")
	}
	if !f.Required && !slices.Contains(t.Key, f.Name) {
		b.WriteString(" When updating a stored row, an empty cell keeps the stored value; " + ClearMarker + " clears it.")
	}
	return strings.TrimSpace(b.String())
}

func rangeWords(lo, hi *float64) string {
	switch {
	case lo != nil && hi != nil:
		return fmt.Sprintf("from %g to %g", *lo, *hi)
	case lo != nil:
		return fmt.Sprintf("%g or more", *lo)
	}
	return fmt.Sprintf("%g or less", *hi)
}

// instructions is the text of the template's first sheet, one line a row.
var instructions = []string{
	"cpmap data template",
	"",
	"Each sheet holds one kind of fact, one row each. Leave a sheet empty when you have nothing for it.",
	"Keep the sheet names and the header row (row 1) as they are. Hover over a header to read what its column holds.",
	"Countries: ISO 3166-1 alpha-2 codes (SE, PL, FO…), picked from the drop-down list; a country's name also works.",
	"Dates: give only as much as you know: 1979, 1979-07 or 1979-07-01. 07/1979 and 1.07.1979 also work; dates are read day first (03/04/2010 is 3 April).",
	"Ids may be left empty for new rows: cpmap makes them from the row (se-home-1979). To update a stored row, give its id.",
	"Sources: every row of provisions, commitments, campaigns, programmes and surveys cites a source: the id of a row of the sources sheet, or a URL or title.",
	"A status in square brackets, [prohibited], is unconfirmed.",
	"Updating a stored row (cpmap import --update): give its id, and only what changes. An empty cell keeps the stored value; to clear a value, write " + ClearMarker + " in its cell (or (dzēst), (usuń), (rensa), (poista), (löschen)… in your language).",
	"Every column with values must be one cpmap reads: a column it does not know is refused, naming the line that teaches it the name (or pass --ignore-column NAME for a column that is not data).",
	"Coverage: one row for each topic you searched, with the day and whether the search was complete. A missing campaign, plan or survey counts as absent only where a complete search says so.",
	"",
	"To import: cpmap import --dry-run FILE.xlsx shows what would change; cpmap import FILE.xlsx writes it.",
}

// WriteTemplate writes the template workbook researchers fill in: an
// Instructions sheet first, then one sheet per table named after it, whose
// header row holds the table's exact column names with a comment on each
// saying what it holds, frozen; drop-down lists from the vocabularies (the
// country codes come from a hidden "lists" sheet); number checks; and date
// columns formatted as text, so that 1979 or 07/1979 stays as typed (a real
// date pasted in stays a date). Importing the untouched template imports
// nothing; filling it in and importing it gives the records typed.
func WriteTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", instructionsSheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	for i, line := range instructions {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetCellStr(instructionsSheet, cell, line); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(instructionsSheet, "A1", "A1", bold); err != nil {
		return err
	}
	if err := f.SetColWidth(instructionsSheet, "A", "A", 120); err != nil {
		return err
	}

	header, err := f.NewStyle(&excelize.Style{
		Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
	})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}

	countries := dataset.Countries()
	for _, t := range dataset.Tables() {
		if _, err := f.NewSheet(t.Name); err != nil {
			return err
		}
		for i := range t.Fields {
			fd := &t.Fields[i]
			col := dataset.ColumnName(i + 1)
			if err := f.SetCellStr(t.Name, col+"1", fd.Name); err != nil {
				return err
			}
			if err := f.AddComment(t.Name, excelize.Comment{Cell: col + "1", Author: "cpmap", Text: fieldHelp(t, fd), Width: 300, Height: 120}); err != nil {
				return fmt.Errorf("template %s.%s: %w", t.Name, fd.Name, err)
			}
			width := float64(max(len(fd.Name)+4, 14))
			if fd.Kind == dataset.KindText {
				width = 30
			}
			if err := f.SetColWidth(t.Name, col, col, width); err != nil {
				return err
			}
			if fd.Kind == dataset.KindDate {
				if err := f.SetColStyle(t.Name, col, text); err != nil {
					return err
				}
			}
			if err := addValidation(f, t.Name, col, fd, len(countries)); err != nil {
				return fmt.Errorf("template %s.%s: %w", t.Name, fd.Name, err)
			}
		}
		last := dataset.ColumnName(len(t.Fields))
		if err := f.SetCellStyle(t.Name, "A1", last+"1", header); err != nil {
			return err
		}
		if err := f.SetPanes(t.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}

	if _, err := f.NewSheet(listsSheet); err != nil {
		return err
	}
	if err := f.SetCellStr(listsSheet, "A1", "code"); err != nil {
		return err
	}
	for i, c := range countries {
		if err := f.SetCellStr(listsSheet, fmt.Sprintf("A%d", i+2), c.Alpha2); err != nil {
			return err
		}
	}
	if err := f.SetSheetVisible(listsSheet, false); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// addValidation adds a column's checks: a drop-down list of a vocabulary's
// values, yes/no, the country codes of the lists sheet, or a number range.
func addValidation(f *excelize.File, sheet, col string, fd *dataset.Field, nCountries int) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, templateRows+1)
	switch {
	case fd.Kind == dataset.KindEnum:
		if err := dv.SetDropList(dataset.Vocabularies[fd.Vocab]); err != nil {
			return err
		}
	case fd.Kind == dataset.KindBoolean:
		if err := dv.SetDropList([]string{"true", "false"}); err != nil {
			return err
		}
	case fd.Kind == dataset.KindCode:
		dv.SetSqrefDropList(fmt.Sprintf("%s!$A$2:$A$%d", listsSheet, nCountries+1))
	case fd.Kind == dataset.KindInteger && (fd.Min != nil || fd.Max != nil):
		lo, hi := -1e9, 1e15
		if fd.Min != nil {
			lo = *fd.Min
		}
		if fd.Max != nil {
			hi = *fd.Max
		}
		if err := dv.SetRange(lo, hi, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
	case fd.Kind == dataset.KindPercent:
		if err := dv.SetRange(0.0, 100.0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
	default:
		return nil
	}
	dv.SetError(excelize.DataValidationErrorStyleWarning, fd.Name, "This is not a value of "+fd.Name+": see the comment on its header.")
	return f.AddDataValidation(sheet, dv)
}
