package main

import (
	"fmt"
	"time"

	"github.com/cpmap/cpmap/dataset"
)

// excelDate writes a date known to the day as an Excel date cell, and any
// other as other would (a year as the number 1979, a month as text):
// a year or a month must never become a date cell, which is a day.
func excelDate(other func(dataset.Date) any) func(dataset.Date) any {
	return func(d dataset.Date) any {
		if d.Precision() == dataset.PrecisionDay {
			return time.Date(d.Year(), time.Month(d.Month()), d.Day(), 0, 0, 0, 0, time.UTC)
		}
		return other(d)
	}
}

// iso writes a date as stored: 1979, 1979-07, 1979-07-01.
func iso(d dataset.Date) any { return d.String() }

// yearNumber writes a year as a number cell and other dates as stored.
func yearNumber(d dataset.Date) any {
	if d.Precision() == dataset.PrecisionYear {
		return d.Year()
	}
	return d.String()
}

// dotted writes a date day first with dots: 1.07.1979, 07.1979, 1979.
func dotted(d dataset.Date) any {
	switch d.Precision() {
	case dataset.PrecisionDay:
		return fmt.Sprintf("%d.%02d.%d", d.Day(), d.Month(), d.Year())
	case dataset.PrecisionMonth:
		return fmt.Sprintf("%02d.%d", d.Month(), d.Year())
	}
	return d.Year()
}

// monthNames are the month names of a language: as they stand alone with a
// year ("lipiec 2010") and as they stand after a day ("6 maja 2010").
type monthNames struct {
	alone, ofDay [12]string
	day          string // the format of a day: day, month, year
	month        string // the format of a month: month, year
}

var months = map[string]monthNames{
	"en": {
		alone: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		day:   "%[1]d %[2]s %[3]d", month: "%[1]s %[2]d",
	},
	"da": {
		alone: [12]string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"},
		day:   "%[1]d. %[2]s %[3]d", month: "%[1]s %[2]d",
	},
	"de": {
		alone: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		day:   "%[1]d. %[2]s %[3]d", month: "%[1]s %[2]d",
	},
	"et": {
		alone: [12]string{"jaanuar", "veebruar", "märts", "aprill", "mai", "juuni", "juuli", "august", "september", "oktoober", "november", "detsember"},
		day:   "%[1]d. %[2]s %[3]d", month: "%[1]s %[2]d",
	},
	"is": {
		alone: [12]string{"janúar", "febrúar", "mars", "apríl", "maí", "júní", "júlí", "ágúst", "september", "október", "nóvember", "desember"},
		day:   "%[1]d. %[2]s %[3]d", month: "%[1]s %[2]d",
	},
	"lt": {
		ofDay: [12]string{"sausio", "vasario", "kovo", "balandžio", "gegužės", "birželio", "liepos", "rugpjūčio", "rugsėjo", "spalio", "lapkričio", "gruodžio"},
		day:   "%[3]d m. %[2]s %[1]d d.",
	},
	"lv": {
		ofDay: [12]string{"janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā", "septembrī", "oktobrī", "novembrī", "decembrī"},
		day:   "%[3]d. gada %[1]d. %[2]s",
	},
	"no": {
		alone: [12]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"},
		day:   "%[1]d. %[2]s %[3]d", month: "%[1]s %[2]d",
	},
	"pl": {
		alone: [12]string{"styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień"},
		ofDay: [12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
		day:   "%[1]d %[2]s %[3]d", month: "%[1]s %[2]d",
	},
	"sv": {
		alone: [12]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},
		day:   "%[1]d %[2]s %[3]d", month: "%[1]s %[2]d",
	},
}

// inWords writes a date with the month in words in a language ("6 maja
// 2010", "lipiec 2010") and a year as the number 2010.
func (g *gen) inWords(lang string) func(dataset.Date) any {
	m := months[lang]
	return func(d dataset.Date) any {
		switch d.Precision() {
		case dataset.PrecisionDay:
			name := m.ofDay[d.Month()-1]
			if name == "" {
				name = m.alone[d.Month()-1]
			}
			if name == "" || m.day == "" {
				g.errorf("no day format in %s", lang)
				return d.String()
			}
			return fmt.Sprintf(m.day, d.Day(), name, d.Year())
		case dataset.PrecisionMonth:
			name := m.alone[d.Month()-1]
			if name == "" || m.month == "" {
				g.errorf("no month format in %s", lang)
				return d.String()
			}
			return fmt.Sprintf(m.month, name, d.Year())
		}
		return d.Year()
	}
}
