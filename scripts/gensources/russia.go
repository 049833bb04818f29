package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"

	"golang.org/x/text/encoding/charmap"
)

// russia is a Russian CSV as Excel saves one on a Russian Windows:
// semicolons, CRLF line ends, code page 1251; every setting, sources by URL.
func (g *gen) russia(path string) error {
	tb := table{
		name: "rossiya.csv",
		noID: true,
		cols: []col{
			country("Страна", "jurisdiction", countryNames["ru"]),
			word("Сфера", "setting", map[string]string{
				"home": "в семье", "alternative_care": "замещающий уход", "day_care": "детский сад",
				"school": "школа", "penal_institution": "исправительные учреждения", "sentence": "приговор",
			}),
			word("Статус", "status", map[string]string{"not_prohibited": "не запрещено", "unlawful_not_explicit": "незаконно"}),
			word("Подтверждено", "confirmed", yesNo["ru"]),
			text("Закон", "instrument"),
			text("Статья", "provision"),
			source("Источник", "url"),
			date("Дата проверки", "verified_on", dotted),
			text("Примечания", "notes"),
		},
	}
	recs := g.pick("provisions", func(r rec) bool {
		switch r.s("setting") {
		case "home", "alternative_care", "day_care":
			return r.s("jurisdiction") == "RU"
		}
		return false
	})
	g.cover(tb, recs)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = ';', true
	header := make([]string, len(tb.cols))
	for j, c := range tb.cols {
		header[j] = c.head
	}
	if err := w.Write(header); err != nil {
		return err
	}
	for _, r := range recs {
		row := make([]string, len(tb.cols))
		for j, c := range tb.cols {
			switch v := c.cell(r).(type) {
			case nil:
			case string:
				row[j] = v
			case int:
				row[j] = strconv.Itoa(v)
			default:
				return fmt.Errorf("%s: cannot write a %T in a CSV", c.head, v)
			}
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	enc, err := charmap.Windows1251.NewEncoder().Bytes(buf.Bytes())
	if err != nil {
		return fmt.Errorf("not all of it can be written in windows-1251: %w", err)
	}
	return os.WriteFile(path, enc, 0o644)
}
