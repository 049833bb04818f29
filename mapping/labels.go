package mapping

import (
	"fmt"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// The vocabulary of labels: the plain words every human report (text,
// Markdown, HTML, the workbook's reading sheets and the chart pages) prints
// for a code, and, where a label alone does not say enough, a one-line
// explanation. It is the one place these words live; csv and json keep the
// codes.

// labels holds the label of every code, by vocabulary: the vocabularies of
// dataset.Vocabularies, and those of mapping ("category", "step",
// "progress_level", "direction", "change_kind").
var labels = map[string]map[string]string{
	"kind": {"state": "state", "territory": "territory"},
	"setting": {
		"home": "home", "alternative_care": "alternative care", "day_care": "day care",
		"school": "schools", "penal_institution": "penal institutions", "sentence": "sentence for crime",
	},
	"status": {
		"prohibited":              "prohibited",
		"unlawful_not_explicit":   "unlawful, not explicitly prohibited",
		"prohibited_unidentified": "reported prohibited, legislation not identified",
		"partial":                 "partly prohibited",
		"not_prohibited":          "not prohibited",
		"unknown":                 "unknown",
		string(Uncertain):         "uncertain on this date",
	},
	"translation": {"official": "official translation", "unofficial": "unofficial translation", "original": "original wording"},
	"campaign_kind": {
		"campaign": "awareness campaign", "action_plan": "national action plan",
		"training": "training of professionals", "guidance": "guidance",
	},
	"lead_type": {
		"government": "government", "ombudsman": "ombudsman", "ngo": "non-governmental organisation",
		"international": "international organisation", "academic": "university or research institute",
		"mixed": "several kinds of organisation",
	},
	"audience": {
		"parents": "parents", "children": "children", "professionals": "professionals", "public": "the public",
		"policy_makers": "policy makers", "media": "the media", "faith_communities": "faith communities",
	},
	"channel": {
		"tv": "television", "radio": "radio", "print": "print", "online": "online", "social_media": "social media",
		"outdoor": "outdoor advertising", "events": "events", "schools": "schools", "services": "public services",
	},
	"level": {
		"universal": "universal (open to all parents)", "selective": "selective (families at risk)",
		"indicated": "indicated (families with problems)",
	},
	"delivery": {"group": "in groups", "individual": "one to one", "home_visit": "home visits", "online": "online"},
	"evidence": {
		"rct": "tested in a randomised controlled trial", "quasi_experimental": "tested in a quasi-experimental study",
		"evaluated": "evaluated", "not_evaluated": "not evaluated",
	},
	"indicator": {
		"cp_use_past_year":              "used corporal punishment in the past year",
		"cp_experienced_ever":           "ever experienced corporal punishment",
		"cp_approval":                   "approve of corporal punishment",
		"ban_support":                   "support the ban",
		"ban_awareness":                 "know of the ban",
		"violent_discipline_past_month": "violent discipline in the past month",
	},
	// indicator_title heads a chart or table of one indicator.
	"indicator_title": {
		"cp_use_past_year":              "Use of corporal punishment in the past year",
		"cp_experienced_ever":           "Ever experienced corporal punishment",
		"violent_discipline_past_month": "Violent discipline in the past month",
		"cp_approval":                   "Approval of corporal punishment",
		"ban_support":                   "Support for the ban",
		"ban_awareness":                 "Awareness of the ban",
	},
	"respondents": {"parents": "parents", "adults": "adults", "children": "children", "youth": "young people"},
	"method": {
		"phone": "telephone interviews", "face_to_face": "face-to-face interviews", "online": "online questionnaire",
		"school": "questionnaire at school", "mixed": "mixed methods",
	},
	"source_type": {
		"legislation": "legislation", "report": "report", "survey": "survey", "website": "web page",
		"news": "news", "dataset": "data set",
	},
	"reliability": {"primary": "primary source", "secondary": "secondary source", "weak": "weak source"},
	"topic": {
		"provisions": "laws", "commitments": "government commitments", "action_plans": "national action plans",
		"campaigns": "awareness campaigns", "programmes": "parenting programmes", "surveys": "surveys",
	},
	"category": {
		"all_settings": "prohibited in all settings", "committed": "committed to full prohibition",
		"some_settings": "prohibited in some settings", "none": "not prohibited in any setting",
	},
	"step": {
		"enact": "Enact prohibition in all settings", "plan": "Plan: a national action plan",
		"communicate": "Communicate: raise awareness", "support_parents": "Support parents: parenting programmes",
		"evaluate": "Evaluate: repeated surveys",
	},
	"progress_level": {"met": "met", "partial": "partly met", "not_met": "not met", "no_data": "no data"},
	"direction":      {"rising": "rising", "falling": "falling", "stable": "stable", "single": "one survey only"},
	"change_kind": {
		"change": "change of status", "restated": "law re-enacted or strengthened, same status",
		"ended": "status ended", "commitment": "commitment to full prohibition",
	},
}

// explanations holds the one-line explanation of the codes whose label
// alone does not say enough, by vocabulary.
var explanations = map[string]map[string]string{
	"status": {
		"prohibited":              "the law explicitly prohibits all corporal punishment in this setting",
		"unlawful_not_explicit":   "corporal punishment is unlawful, but no law prohibits it explicitly; not counted as prohibition",
		"prohibited_unidentified": "reported as prohibited, but the law has not been identified; not counted as prohibition",
		"partial":                 "prohibited for some children or some forms of punishment only",
		"not_prohibited":          "no law prohibits corporal punishment in this setting",
		"unknown":                 "nothing recorded speaks for this date",
		string(Uncertain):         "the date falls within an imprecise date of the law, and the status depends on where",
	},
	"category": {
		"all_settings":  "prohibited at home, in care, day care, schools, penal institutions and as a sentence",
		"committed":     "not yet prohibited in all settings, but the government has committed itself to it",
		"some_settings": "prohibited in at least one of the six settings, not all",
		"none":          "prohibited in none of the six settings",
	},
	"progress_level": {
		"met":     "the step is done, by the rubric's measures",
		"partial": "some of the step is done",
		"not_met": "a complete search found nothing for the step",
		"no_data": "nothing recorded, and no complete search: a gap in the research, not a judgement",
	},
	"step": {
		"enact":           "prohibition in law in all six settings",
		"plan":            "a national action plan to put the ban into practice",
		"communicate":     "awareness campaigns reaching parents in recent years",
		"support_parents": "evaluated parenting programmes running",
		"evaluate":        "repeated comparable surveys since the ban",
	},
}

// Label returns the plain words of code in the named vocabulary (a name of
// dataset.Vocabularies, or "category", "step", "progress_level",
// "direction", "change_kind"). An unknown code is printed with its
// underscores as spaces, so that no report shows a code.
func Label(vocab, code string) string {
	if l, ok := labels[vocab][code]; ok {
		return l
	}
	return strings.ReplaceAll(code, "_", " ")
}

// Explain returns the one-line explanation of code in the named vocabulary,
// or "" when its label says enough.
func Explain(vocab, code string) string { return explanations[vocab][code] }

// LabelCodes returns every code that has a label, by vocabulary: the list a
// test reads reports for, so that none shows a code.
func LabelCodes() map[string][]string {
	out := map[string][]string{}
	for v, m := range labels {
		for c := range m {
			out[v] = append(out[v], c)
		}
	}
	return out
}

// Labels joins the labels of codes with ", ".
func Labels(vocab string, codes []string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = Label(vocab, c)
	}
	return strings.Join(out, ", ")
}

// SettingLabel returns the setting in plain words ("alternative care").
func SettingLabel(s dataset.Setting) string { return Label("setting", string(s)) }

// StatusLabel returns the status in plain words ("unlawful, not explicitly
// prohibited"); it knows Uncertain too.
func StatusLabel(s dataset.Status) string { return Label("status", string(s)) }

// StatusExplain explains a status in one line.
func StatusExplain(s dataset.Status) string { return Explain("status", string(s)) }

// CategoryLabel returns the category in plain words.
func CategoryLabel(c Category) string { return Label("category", string(c)) }

// StepLabel returns the step in plain words.
func StepLabel(s Step) string { return Label("step", string(s)) }

// StepShort returns the step's short name: "Support parents".
func StepShort(s Step) string {
	l := StepLabel(s)
	if i := strings.Index(l, ":"); i > 0 {
		return l[:i]
	}
	return "Enact"
}

// LevelLabel returns the level of a step in plain words.
func LevelLabel(l Level) string { return Label("progress_level", string(l)) }

// TopicLabel returns the plain words of a coverage topic.
func TopicLabel(t dataset.Topic) string { return Label("topic", string(t)) }

// IndicatorLabel returns what a survey measured, in plain words.
func IndicatorLabel(i dataset.Indicator) string { return Label("indicator", string(i)) }

// IndicatorTitle returns the heading of a chart or table of one survey
// indicator: "Approval of corporal punishment".
func IndicatorTitle(i dataset.Indicator) string { return Label("indicator_title", string(i)) }

// IndicatorOrder is the order in which reports show the survey indicators:
// behaviour first, then attitudes, then the ban.
var IndicatorOrder = []dataset.Indicator{
	dataset.CPUsePastYear, dataset.CPExperiencedEver, dataset.ViolentDisciplinePastMonth,
	dataset.CPApproval, dataset.BanSupport, dataset.BanAwareness,
}

// DirectionLabel returns which way a series moves, in plain words.
func DirectionLabel(d Direction) string { return Label("direction", string(d)) }

// ChangeKindLabel returns what a timeline entry records, in plain words.
func ChangeKindLabel(k ChangeKind) string { return Label("change_kind", string(k)) }

// TrendLabel names a survey series in words, without its id: "parents:
// used corporal punishment in the past year".
func TrendLabel(tr Trend) string {
	return Label("respondents", tr.Respondents) + ": " + IndicatorLabel(tr.Indicator)
}

// SeriesName names a survey series in words within a chart of one
// indicator: who answered and the years of its points ("parents,
// 1980–2011"), never its id. Two series of a jurisdiction may share a name;
// a chart numbers them.
func SeriesName(tr Trend) string {
	w := Label("respondents", tr.Respondents)
	if len(tr.Points) == 0 {
		return w
	}
	first, last := tr.Points[0].Year, tr.Points[0].Year
	for _, p := range tr.Points {
		first, last = min(first, p.Year), max(last, p.Year)
	}
	if first == last {
		return fmt.Sprintf("%s, %d", w, first)
	}
	return fmt.Sprintf("%s, %d–%d", w, first, last)
}

// JoinWords joins words as a list in prose: "a, b and c".
func JoinWords(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	out := ws[0]
	for _, w := range ws[1 : len(ws)-1] {
		out += ", " + w
	}
	return out + " and " + ws[len(ws)-1]
}
