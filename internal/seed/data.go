package seed

// Word lists of the demo data. Weights are rough relative frequencies: the
// Italian surnames mix the national ranking with surnames typical of Umbria
// (Proietti, Cecchetti, Bartolini, ...); first names follow the fashions of
// three generations.

type wstr struct {
	s string
	w int
}

var italianSurnames = []wstr{
	{"Rossi", 30}, {"Russo", 30}, {"Ferrari", 30}, {"Esposito", 25}, {"Bianchi", 55}, {"Romano", 30},
	{"Colombo", 15}, {"Ricci", 45}, {"Marino", 20}, {"Greco", 20}, {"Bruno", 25}, {"Gallo", 25},
	{"Conti", 35}, {"De Luca", 20}, {"Mancini", 45}, {"Costa", 20}, {"Giordano", 15}, {"Rizzo", 12},
	{"Lombardi", 35}, {"Moretti", 40}, {"Barbieri", 30}, {"Fontana", 20}, {"Santoro", 18}, {"Mariani", 50},
	{"Rinaldi", 30}, {"Caruso", 12}, {"Ferrara", 12}, {"Galli", 30}, {"Martini", 40}, {"Leone", 18},
	{"Longo", 12}, {"Gentile", 25}, {"Martinelli", 35}, {"Vitale", 18}, {"Lombardo", 12}, {"Serra", 18},
	{"Coppola", 12}, {"De Santis", 30}, {"D'Angelo", 20}, {"Marchetti", 40}, {"Parisi", 25}, {"Villa", 8},
	{"Conte", 18}, {"Ferraro", 12}, {"Ferri", 30}, {"Fabbri", 25}, {"Bianco", 12}, {"Marini", 45},
	{"Grasso", 12}, {"Valentini", 40}, {"Messina", 8}, {"Sala", 8}, {"De Angelis", 30}, {"Gatti", 25},
	{"Pellegrini", 35}, {"Palumbo", 12}, {"Sanna", 8}, {"Farina", 18}, {"Rizzi", 18}, {"Monti", 30},
	{"Cattaneo", 6}, {"Morelli", 35}, {"Amato", 12}, {"Silvestri", 30}, {"Mazza", 12}, {"Testa", 18},
	{"Grassi", 25}, {"Pellegrino", 12}, {"Carbone", 12}, {"Giuliani", 30}, {"Benedetti", 35}, {"Barone", 12},
	{"Rossetti", 25}, {"Caputo", 8}, {"Montanari", 18}, {"Guerra", 18}, {"Palmieri", 25}, {"Bernardi", 25},
	{"Martino", 8}, {"Fiore", 12}, {"De Rosa", 12}, {"Ferretti", 30}, {"Bellini", 25}, {"Basile", 8},
	{"Riva", 6}, {"Donati", 25}, {"Piras", 6}, {"Vitali", 25}, {"Battaglia", 12}, {"Sartori", 12},
	{"Neri", 30}, {"Costantini", 30}, {"Milani", 12}, {"Pagano", 8}, {"Ruggiero", 8}, {"Sorrentino", 8},
	{"D'Amico", 12}, {"Orlando", 12}, {"Negri", 8},
	// Typical of Umbria.
	{"Proietti", 55}, {"Bartolini", 35}, {"Cecchetti", 30}, {"Baldelli", 25}, {"Brunelli", 30},
	{"Menichetti", 25}, {"Tomassini", 30}, {"Ceccarelli", 35}, {"Marcucci", 20}, {"Pierini", 25},
	{"Bartoccini", 20}, {"Bellucci", 30}, {"Mencarelli", 25}, {"Mariotti", 30}, {"Rosati", 30},
	{"Felici", 25}, {"Angelini", 30}, {"Lucarelli", 20}, {"Sabatini", 25}, {"Paoletti", 30},
	{"Peppoloni", 15}, {"Brizi", 20}, {"Cruciani", 25}, {"Fratini", 20}, {"Bastianini", 15},
	{"Ragni", 15}, {"Bianconi", 25}, {"Fiorucci", 25}, {"Tardioli", 15}, {"Capoccia", 10},
	{"Moriconi", 20}, {"Bonifazi", 20}, {"Pompili", 20}, {"Santucci", 25}, {"Scarponi", 15},
	{"Sciarra", 10}, {"Chiodini", 10}, {"Fabbretti", 15}, {"Gubbiotti", 15}, {"Fioriti", 10},
	{"Nardi", 20}, {"Ciani", 15}, {"Pace", 15}, {"Ottaviani", 20}, {"Sorci", 10}, {"Giovannini", 25},
	{"Boccolini", 10}, {"Coletti", 15}, {"Ricciarelli", 15}, {"Tiberi", 20}, {"Migliorati", 10},
	{"Stella", 10}, {"Cavalletti", 10}, {"Lupattelli", 10}, {"Sensi", 12},
}

// First names by generation: born up to 1955, 1956-1990, from 1991.
var (
	maleOld = []wstr{
		{"Giuseppe", 30}, {"Giovanni", 25}, {"Antonio", 25}, {"Mario", 30}, {"Luigi", 20}, {"Francesco", 20},
		{"Angelo", 18}, {"Vincenzo", 10}, {"Pietro", 15}, {"Carlo", 15}, {"Franco", 18}, {"Domenico", 10},
		{"Bruno", 18}, {"Sergio", 15}, {"Giorgio", 15}, {"Aldo", 12}, {"Luciano", 15}, {"Renato", 12},
		{"Enzo", 10}, {"Umberto", 10}, {"Gino", 8}, {"Alberto", 10}, {"Roberto", 12}, {"Marcello", 10},
		{"Ernesto", 6}, {"Remo", 6}, {"Dino", 8}, {"Silvano", 8}, {"Armando", 8}, {"Fernando", 8},
		{"Guido", 8}, {"Elio", 8}, {"Augusto", 6}, {"Vittorio", 8}, {"Settimio", 4}, {"Nazzareno", 4},
	}
	femaleOld = []wstr{
		{"Maria", 40}, {"Anna", 25}, {"Giuseppina", 15}, {"Rosa", 15}, {"Angela", 12}, {"Giovanna", 15},
		{"Teresa", 12}, {"Lucia", 12}, {"Carla", 10}, {"Franca", 15}, {"Bruna", 12}, {"Lina", 10},
		{"Liliana", 10}, {"Marisa", 12}, {"Gabriella", 12}, {"Adriana", 10}, {"Paola", 8}, {"Silvana", 12},
		{"Loretta", 10}, {"Elvira", 6}, {"Ada", 8}, {"Elena", 8}, {"Rita", 12}, {"Luisa", 10},
		{"Graziella", 8}, {"Anna Maria", 12}, {"Maria Teresa", 6}, {"Iole", 4}, {"Gina", 6}, {"Pierina", 5},
		{"Assunta", 6}, {"Edda", 4}, {"Lidia", 8}, {"Vera", 6}, {"Nella", 5}, {"Orietta", 4},
	}
	maleMid = []wstr{
		{"Marco", 30}, {"Andrea", 28}, {"Alessandro", 25}, {"Luca", 25}, {"Stefano", 22}, {"Roberto", 18},
		{"Massimo", 20}, {"Fabio", 18}, {"Simone", 18}, {"Matteo", 15}, {"Daniele", 15}, {"Davide", 15},
		{"Paolo", 18}, {"Maurizio", 15}, {"Claudio", 12}, {"Emanuele", 10}, {"Federico", 10}, {"Gianluca", 10},
		{"Riccardo", 10}, {"Michele", 10}, {"Francesco", 18}, {"Giuseppe", 12}, {"Antonio", 12}, {"Alberto", 8},
		{"Giovanni", 10}, {"Fabrizio", 12}, {"Mauro", 10}, {"Sandro", 8}, {"Cristiano", 8}, {"Marcello", 6},
		{"Lorenzo", 8}, {"Gabriele", 8}, {"Nicola", 10}, {"Enrico", 8}, {"Diego", 6}, {"Moreno", 4},
	}
	femaleMid = []wstr{
		{"Francesca", 25}, {"Chiara", 18}, {"Sara", 18}, {"Laura", 20}, {"Valentina", 20}, {"Silvia", 18},
		{"Elena", 15}, {"Federica", 15}, {"Alessandra", 15}, {"Paola", 15}, {"Barbara", 15}, {"Monica", 15},
		{"Simona", 15}, {"Cristina", 15}, {"Roberta", 12}, {"Daniela", 12}, {"Elisa", 12}, {"Manuela", 10},
		{"Giulia", 12}, {"Serena", 10}, {"Martina", 8}, {"Stefania", 12}, {"Claudia", 12}, {"Michela", 8},
		{"Sabrina", 10}, {"Antonella", 10}, {"Patrizia", 12}, {"Emanuela", 8}, {"Lucia", 6}, {"Marta", 8},
		{"Ilaria", 10}, {"Erika", 6}, {"Katia", 6}, {"Tiziana", 8}, {"Lorella", 4}, {"Debora", 6},
	}
	maleYoung = []wstr{
		{"Leonardo", 20}, {"Francesco", 20}, {"Alessandro", 18}, {"Lorenzo", 18}, {"Mattia", 15}, {"Andrea", 15},
		{"Gabriele", 15}, {"Riccardo", 12}, {"Tommaso", 12}, {"Edoardo", 10}, {"Matteo", 15}, {"Giuseppe", 8},
		{"Nicolò", 8}, {"Antonio", 6}, {"Federico", 10}, {"Diego", 8}, {"Davide", 10}, {"Christian", 8},
		{"Samuele", 8}, {"Pietro", 8}, {"Filippo", 8}, {"Giovanni", 6}, {"Luca", 8}, {"Marco", 6},
		{"Elia", 6}, {"Jacopo", 8}, {"Michele", 6}, {"Alessio", 8}, {"Simone", 8}, {"Emanuele", 5},
	}
	femaleYoung = []wstr{
		{"Sofia", 20}, {"Giulia", 20}, {"Aurora", 15}, {"Alice", 15}, {"Ginevra", 12}, {"Emma", 12},
		{"Giorgia", 12}, {"Greta", 10}, {"Beatrice", 10}, {"Anna", 10}, {"Chiara", 10}, {"Martina", 12},
		{"Vittoria", 8}, {"Matilde", 8}, {"Ludovica", 6}, {"Sara", 12}, {"Nicole", 6}, {"Rebecca", 6},
		{"Camilla", 8}, {"Noemi", 8}, {"Arianna", 8}, {"Gaia", 8}, {"Elisa", 8}, {"Bianca", 6},
		{"Asia", 6}, {"Francesca", 8}, {"Irene", 6}, {"Benedetta", 6}, {"Marta", 6}, {"Elena", 6},
	}
)

// country is a foreign state of birth: its Z code for the codice fiscale,
// its ISO 3166 code for citizenship, a language (ISO 639-1) and some names.
type country struct {
	name, zcode, iso, lang string
	w                      int
	male, female, surnames []string
}

// Umbria's largest foreign communities, roughly in order.
var countries = []*country{
	{"Romania", "Z129", "RO", "ro", 24,
		[]string{"Ion", "Andrei", "Mihai", "Gheorghe", "Florin", "Constantin", "Vasile", "Adrian", "Cristian", "Marius"},
		[]string{"Maria", "Elena", "Ana", "Ioana", "Mihaela", "Daniela", "Gabriela", "Florentina", "Loredana", "Alina"},
		[]string{"Popescu", "Ionescu", "Popa", "Radu", "Dumitru", "Stan", "Stoica", "Munteanu", "Constantin", "Moldovan", "Dinu", "Lazar"}},
	{"Albania", "Z100", "AL", "sq", 17,
		[]string{"Arben", "Ilir", "Gentian", "Altin", "Ervin", "Besnik", "Fatmir", "Klodian", "Artan", "Edmond"},
		[]string{"Elona", "Anila", "Entela", "Mirela", "Alma", "Blerina", "Dorina", "Valbona", "Lindita", "Arjola"},
		[]string{"Hoxha", "Shehu", "Kola", "Leka", "Gjoka", "Cela", "Dervishi", "Marku", "Prifti", "Basha", "Muca", "Hysa"}},
	{"Marocco", "Z330", "MA", "ar", 12,
		[]string{"Mohamed", "Youssef", "Ahmed", "Rachid", "Hassan", "Said", "Abdelkader", "Mustapha", "Khalid", "Omar"},
		[]string{"Fatima", "Khadija", "Amina", "Naima", "Malika", "Samira", "Zineb", "Hanane", "Latifa", "Nadia"},
		[]string{"El Amrani", "Benali", "Bouzid", "El Idrissi", "Alaoui", "Haddad", "Tazi", "Berrada", "Ouali", "Chakir", "Ziani"}},
	{"Ucraina", "Z138", "UA", "uk", 8,
		[]string{"Oleksandr", "Andriy", "Serhiy", "Volodymyr", "Mykola", "Dmytro", "Vasyl"},
		[]string{"Olena", "Natalia", "Oksana", "Tetiana", "Iryna", "Svitlana", "Halyna", "Liudmyla", "Nadiya"},
		[]string{"Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko", "Lysenko", "Savchuk"}},
	{"Moldova", "Z140", "MD", "ro", 5,
		[]string{"Ion", "Vasile", "Sergiu", "Victor", "Dumitru", "Igor"},
		[]string{"Tatiana", "Svetlana", "Natalia", "Ludmila", "Elena", "Valentina", "Galina"},
		[]string{"Rusu", "Ceban", "Ciobanu", "Turcan", "Lungu", "Rotari", "Cojocaru", "Bivol"}},
	{"Ecuador", "Z605", "EC", "es", 5,
		[]string{"Luis", "Carlos", "Jorge", "Diego", "Juan", "Segundo", "Wilson"},
		[]string{"Maria", "Rosa", "Gloria", "Patricia", "Mercedes", "Jessica", "Veronica"},
		[]string{"Guaman", "Vera", "Mendoza", "Zambrano", "Cedeno", "Lopez", "Torres", "Quispe", "Moreira"}},
	{"Macedonia del Nord", "Z148", "MK", "mk", 5,
		[]string{"Dragan", "Goran", "Zoran", "Nikola", "Aleksandar", "Bujar"},
		[]string{"Biljana", "Snezana", "Vesna", "Marija", "Elena", "Arta"},
		[]string{"Stojanovski", "Petrovski", "Nikolovski", "Trajkovski", "Jovanovski", "Iseni", "Memeti"}},
	{"Cina", "Z210", "CN", "zh", 4,
		[]string{"Wei", "Jian", "Hao", "Lei", "Ming", "Jun", "Qiang"},
		[]string{"Li", "Mei", "Ying", "Xiu", "Fang", "Hui", "Yan"},
		[]string{"Wang", "Zhang", "Chen", "Liu", "Hu", "Zhou", "Lin", "Ye", "Xu"}},
	{"India", "Z222", "IN", "pa", 4,
		[]string{"Gurpreet", "Harpreet", "Rajinder", "Sukhwinder", "Amarjit", "Rajesh", "Baljit"},
		[]string{"Manpreet", "Jaspreet", "Harjit", "Kulwinder", "Paramjit", "Sunita", "Navdeep"},
		[]string{"Singh", "Kaur", "Kumar", "Sharma", "Sidhu", "Gill", "Dhillon"}},
	{"Polonia", "Z127", "PL", "pl", 4,
		[]string{"Piotr", "Tomasz", "Krzysztof", "Pawel", "Marek"},
		[]string{"Agnieszka", "Katarzyna", "Malgorzata", "Ewa", "Joanna", "Beata"},
		[]string{"Nowak", "Kowalska", "Wisniewska", "Kowalczyk", "Kaminska", "Zielinska", "Wojcik"}},
	{"Filippine", "Z216", "PH", "tl", 4,
		[]string{"Jose", "Mark", "Ryan", "Joel", "Romeo", "Arnel"},
		[]string{"Maricel", "Jocelyn", "Rowena", "Marites", "Lorna", "Gemma"},
		[]string{"Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Dela Cruz", "Villanueva"}},
	{"Nigeria", "Z335", "NG", "en", 4,
		[]string{"Chinedu", "Emeka", "Osagie", "Uche", "Ikechukwu", "Samuel", "Godwin"},
		[]string{"Blessing", "Joy", "Faith", "Precious", "Esther", "Favour", "Gift"},
		[]string{"Okafor", "Eze", "Osagie", "Omoregie", "Adeyemi", "Obi", "Igbinedion", "Okonkwo"}},
	{"Tunisia", "Z352", "TN", "ar", 4,
		[]string{"Mohamed", "Ali", "Sami", "Karim", "Hedi", "Nabil"},
		[]string{"Amel", "Leila", "Sonia", "Salma", "Ines", "Rim"},
		[]string{"Ben Ali", "Trabelsi", "Jebali", "Gharbi", "Hammami", "Mejri", "Ayari"}},
}

// otherItalianBirthplaces are places of birth outside Umbria (cadastral codes).
var otherItalianBirthplaces = []wstr{
	{"H501", 30}, // Roma
	{"F839", 12}, // Napoli
	{"F205", 8},  // Milano
	{"D612", 8},  // Firenze
	{"A390", 8},  // Arezzo
	{"I726", 5},  // Siena
	{"M082", 6},  // Viterbo
	{"H282", 6},  // Rieti
	{"A271", 6},  // Ancona
	{"G273", 6},  // Palermo
	{"A662", 5},  // Bari
	{"C351", 4},  // Catania
	{"H224", 4},  // Reggio di Calabria
	{"D643", 4},  // Foggia
	{"L219", 4},  // Torino
}

var streets = []wstr{
	{"Via Roma", 10}, {"Via Giuseppe Garibaldi", 10}, {"Via XX Settembre", 8}, {"Via Giuseppe Mazzini", 8},
	{"Via Camillo Benso di Cavour", 6}, {"Piazza Giacomo Matteotti", 4}, {"Via della Repubblica", 6},
	{"Via Antonio Gramsci", 6}, {"Via Guglielmo Marconi", 8}, {"Via Dante Alighieri", 8},
	{"Via Alessandro Manzoni", 6}, {"Via San Francesco", 6}, {"Via Flaminia", 5}, {"Via Tiberina", 5},
	{"Via del Lavoro", 5}, {"Via della Pace", 5}, {"Via Aldo Moro", 6}, {"Via Piave", 5},
	{"Via Vittorio Veneto", 6}, {"Via IV Novembre", 5}, {"Via della Stazione", 5}, {"Via dei Mille", 4},
	{"Via Enrico Fermi", 4}, {"Via Giacomo Leopardi", 4}, {"Via Giovanni Pascoli", 4},
	{"Via Luigi Pirandello", 3}, {"Via Don Giovanni Minzoni", 3}, {"Via Martiri della Libertà", 3},
	{"Via della Resistenza", 4}, {"Via Sandro Pertini", 4}, {"Via Papa Giovanni XXIII", 4},
	{"Via Santa Chiara", 3}, {"Via del Borgo", 3}, {"Via delle Ginestre", 3}, {"Via dei Tigli", 3},
	{"Via delle Querce", 3}, {"Via del Fosso", 2}, {"Strada Provinciale", 2}, {"Via Cristoforo Colombo", 4},
	{"Via Giuseppe Verdi", 5}, {"Via Gioacchino Rossini", 3}, {"Via Alcide De Gasperi", 5},
	{"Via Bruno Buozzi", 3}, {"Via Giacomo Puccini", 3}, {"Via Raffaello Sanzio", 3}, {"Via Pietro Vannucci", 3},
	{"Via Benedetto Croce", 3}, {"Via Luigi Einaudi", 3}, {"Via Cesare Battisti", 4}, {"Via Fratelli Rosselli", 3},
}

// perugiaStreets are used for the city of Perugia instead of the generic list.
var perugiaStreets = []wstr{
	{"Via dei Priori", 3}, {"Corso Cavour", 4}, {"Via Cortonese", 5}, {"Via Settevalli", 5},
	{"Strada Pievaiola", 4}, {"Via Marco Polo", 3}, {"Via Cestellini", 2}, {"Via Manzoni", 4},
	{"Via della Pallotta", 3}, {"Via Eugubina", 3}, {"Via Martiri dei Lager", 3}, {"Via Fonti Coperte", 3},
	{"Via del Macello", 2}, {"Via Pinturicchio", 3}, {"Via Cacciatori delle Alpi", 2}, {"Via Sicilia", 3},
	{"Via Ruggero D'Andreotto", 3}, {"Via Enrico Dal Pozzo", 3}, {"Via della Scuola", 3}, {"Via Bellocchio", 3},
}

var terniStreets = []wstr{
	{"Corso Tacito", 3}, {"Via Narni", 5}, {"Via del Rivo", 4}, {"Viale Brin", 4}, {"Via Piemonte", 3},
	{"Via Gabelletta", 3}, {"Via Cesare Battisti", 3}, {"Via Lanzi", 3}, {"Via di Porta Sant'Angelo", 2},
	{"Via Vanzetti", 3}, {"Via del Centenario", 3}, {"Via Mentana", 3}, {"Viale Borzacchini", 3},
}

// postcodes of the larger municipalities (ISTAT code -> CAP); the cities of
// Perugia and Terni have several.
var postcodes = map[string][]string{
	"054039": {"06121", "06122", "06123", "06124", "06125", "06126", "06127", "06128", "06129", "06131", "06132", "06134", "06135"},
	"055032": {"05100"},
	"054018": {"06034"}, "054051": {"06049"}, "054013": {"06012"}, "054024": {"06024"}, "054001": {"06081"},
	"055023": {"05018"}, "055022": {"05035"}, "054027": {"06055"}, "054035": {"06046"}, "054037": {"06064"},
	"054052": {"06059"}, "055004": {"05022"}, "054015": {"06073"}, "054002": {"06083"}, "054056": {"06019"},
	"054026": {"06063"}, "054009": {"06061"}, "054023": {"06023"}, "054050": {"06038"}, "054054": {"06039"},
	"054053": {"06089"}, "054017": {"06053"},
}

// Phone prefixes per zone.
var zonePhonePrefix = map[int32]string{
	1: "075", 2: "075", 3: "075", 4: "075", 5: "075", 6: "0743", 7: "075",
	8: "0742", 9: "0743", 10: "0744", 11: "0744", 12: "0763",
}

var monthsIt = [...]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
	"agosto", "settembre", "ottobre", "novembre", "dicembre"}

// Needs by user area (code list 0002), with weights.
var areaNeeds = map[string][]wstr{
	"ELDERLY":       {{"EL_HOME_CARE", 35}, {"EL_NON_SELF_SUFF", 25}, {"EL_LONELINESS", 25}, {"EL_RESIDENTIAL", 8}},
	"DISABILITY":    {{"DI_AUTONOMY", 30}, {"DI_HOME_CARE", 25}, {"DI_WORK_INCLUSION", 25}, {"DI_TRANSPORT", 20}},
	"FAMILY_MINORS": {{"FM_PARENTING", 30}, {"FM_CHILD_PROTECTION", 12}, {"FM_CHILDCARE", 15}, {"FM_FAMILY_CONFLICT", 20}, {"FM_SCHOOL", 20}},
	"DEPENDENCIES":  {{"DP_ADDICTION", 65}, {"DP_REINTEGRATION", 35}},
	"IMMIGRANTS":    {{"IM_INTEGRATION", 55}, {"IM_LEGAL", 45}},
	"POVERTY":       {{"PV_INCOME", 35}, {"PV_HOUSING", 20}, {"PV_EMPLOYMENT", 25}, {"PV_FOOD", 20}},
	"MULTI_USER":    {{"MU_INFORMATION", 55}, {"MU_ADMINISTRATIVE", 45}},
}

// needServices maps a need to the intervention types that answer it.
var needServices = map[string][]wstr{
	"EL_HOME_CARE":        {{"HOME_CARE", 75}, {"MEALS_ON_WHEELS", 25}},
	"EL_NON_SELF_SUFF":    {{"CARE_VOUCHER", 45}, {"INTEGRATED_HOME_CARE", 35}, {"HOME_CARE", 20}},
	"EL_LONELINESS":       {{"TELECARE", 45}, {"HOME_CARE", 30}, {"MEALS_ON_WHEELS", 25}},
	"EL_RESIDENTIAL":      {{"RESIDENTIAL_ELDERLY", 100}},
	"DI_AUTONOMY":         {{"DAY_CENTRE", 60}, {"CARE_VOUCHER", 40}},
	"DI_HOME_CARE":        {{"CARE_VOUCHER", 55}, {"HOME_CARE", 45}},
	"DI_SCHOOL_SUPPORT":   {{"SCHOOL_ASSISTANCE_DISABLED", 100}},
	"DI_WORK_INCLUSION":   {{"WORK_GRANT", 100}},
	"DI_TRANSPORT":        {{"SOCIAL_TRANSPORT", 100}},
	"FM_PARENTING":        {{"EDUCATIONAL_SUPPORT_MINORS", 80}, {"PROFESSIONAL_SOCIAL_SERVICE", 20}},
	"FM_CHILD_PROTECTION": {{"PROFESSIONAL_SOCIAL_SERVICE", 45}, {"FAMILY_FOSTER_CARE", 30}, {"COMMUNITY_FOR_MINORS", 25}},
	"FM_CHILDCARE":        {{"ECONOMIC_SUPPORT", 100}},
	"FM_FAMILY_CONFLICT":  {{"FAMILY_MEDIATION", 100}},
	"FM_SCHOOL":           {{"EDUCATIONAL_SUPPORT_MINORS", 100}},
	"DP_ADDICTION":        {{"ADDICTION_REINTEGRATION", 80}, {"PROFESSIONAL_SOCIAL_SERVICE", 20}},
	"DP_REINTEGRATION":    {{"ADDICTION_REINTEGRATION", 50}, {"WORK_GRANT", 50}},
	"IM_INTEGRATION":      {{"CULTURAL_MEDIATION", 100}},
	"IM_LEGAL":            {{"CULTURAL_MEDIATION", 100}},
	"PV_INCOME":           {{"ECONOMIC_SUPPORT", 70}, {"UTILITY_CONTRIBUTION", 30}},
	"PV_HOUSING":          {{"HOUSING_CONTRIBUTION", 100}},
	"PV_HOMELESS":         {{"NIGHT_SHELTER", 70}, {"FOOD_SUPPORT", 30}},
	"PV_EMPLOYMENT":       {{"WORK_GRANT", 100}},
	"PV_FOOD":             {{"FOOD_SUPPORT", 100}},
	"MU_INFORMATION":      {{"PROFESSIONAL_SOCIAL_SERVICE", 100}},
	"MU_ADMINISTRATIVE":   {{"PROFESSIONAL_SOCIAL_SERVICE", 60}, {"ECONOMIC_SUPPORT", 40}},
}

// typeInfo describes an intervention type (code list 0002) for the generator.
type typeInfo struct {
	area, kind string
	// hours per month (SERVICE kinds delivered in hours), or 0.
	hpmMin, hpmMax int
	// cost: per hour for hourly services, else per month (monthly) or in one
	// payment (lump), in cents.
	rateMin, rateMax int64
	lump             bool
	months           int // typical duration in months
	meansTested      bool
	healthShare      float64 // share paid by the health service
	userShareMax     float64 // max share paid by the user
	funding          []wstr
}

var types = map[string]typeInfo{
	"PROFESSIONAL_SOCIAL_SERVICE": {area: "MULTI_USER", kind: "SERVICE", hpmMin: 2, hpmMax: 6, rateMin: 2600, rateMax: 2600, months: 6, funding: []wstr{{"MUNICIPAL", 80}, {"FNPS", 20}}},
	"CULTURAL_MEDIATION":          {area: "IMMIGRANTS", kind: "SERVICE", hpmMin: 4, hpmMax: 12, rateMin: 2500, rateMax: 2500, months: 6, funding: []wstr{{"FNPS", 50}, {"OTHER", 30}, {"MUNICIPAL", 20}}},
	"FAMILY_MEDIATION":            {area: "FAMILY_MINORS", kind: "SERVICE", hpmMin: 2, hpmMax: 6, rateMin: 3000, rateMax: 3000, months: 6, funding: []wstr{{"FNPS", 70}, {"MUNICIPAL", 30}}},
	"EDUCATIONAL_SUPPORT_MINORS":  {area: "FAMILY_MINORS", kind: "SERVICE", hpmMin: 12, hpmMax: 40, rateMin: 2350, rateMax: 2350, months: 10, funding: []wstr{{"FNPS", 50}, {"MUNICIPAL", 50}}},
	"SCHOOL_ASSISTANCE_DISABLED":  {area: "DISABILITY", kind: "SERVICE", hpmMin: 30, hpmMax: 80, rateMin: 2250, rateMax: 2250, months: 9, funding: []wstr{{"MUNICIPAL", 80}, {"REGIONAL", 20}}},
	"HOME_CARE":                   {area: "ELDERLY", kind: "SERVICE", hpmMin: 12, hpmMax: 60, rateMin: 2150, rateMax: 2150, months: 12, meansTested: true, userShareMax: 0.3, funding: []wstr{{"MUNICIPAL", 50}, {"FNPS", 30}, {"REGIONAL", 20}}},
	"INTEGRATED_HOME_CARE":        {area: "ELDERLY", kind: "SERVICE", hpmMin: 16, hpmMax: 60, rateMin: 2300, rateMax: 2300, months: 6, healthShare: 0.6, funding: []wstr{{"HEALTH_SERVICE", 60}, {"FNA", 40}}},
	"MEALS_ON_WHEELS":             {area: "ELDERLY", kind: "SERVICE", rateMin: 12000, rateMax: 18000, months: 12, meansTested: true, userShareMax: 0.5, funding: []wstr{{"MUNICIPAL", 100}}},
	"SOCIAL_TRANSPORT":            {area: "DISABILITY", kind: "SERVICE", rateMin: 8000, rateMax: 20000, months: 12, userShareMax: 0.2, funding: []wstr{{"MUNICIPAL", 100}}},
	"TELECARE":                    {area: "ELDERLY", kind: "SERVICE", rateMin: 2000, rateMax: 3000, months: 12, userShareMax: 0.5, funding: []wstr{{"MUNICIPAL", 70}, {"REGIONAL", 30}}},
	"CARE_VOUCHER":                {area: "DISABILITY", kind: "VOUCHER", rateMin: 30000, rateMax: 90000, months: 12, meansTested: true, funding: []wstr{{"FNA", 85}, {"REGIONAL", 15}}},
	"DAY_CENTRE":                  {area: "DISABILITY", kind: "SERVICE", hpmMin: 60, hpmMax: 120, rateMin: 1200, rateMax: 1200, months: 12, healthShare: 0.4, userShareMax: 0.1, funding: []wstr{{"FNA", 50}, {"MUNICIPAL", 50}}},
	"RESIDENTIAL_ELDERLY":         {area: "ELDERLY", kind: "RESIDENTIAL", rateMin: 280000, rateMax: 360000, months: 12, meansTested: true, healthShare: 0.5, userShareMax: 0.45, funding: []wstr{{"MUNICIPAL", 60}, {"REGIONAL", 40}}},
	"FAMILY_FOSTER_CARE":          {area: "FAMILY_MINORS", kind: "SERVICE", rateMin: 40000, rateMax: 60000, months: 12, funding: []wstr{{"MUNICIPAL", 60}, {"REGIONAL", 40}}},
	"COMMUNITY_FOR_MINORS":        {area: "FAMILY_MINORS", kind: "RESIDENTIAL", rateMin: 300000, rateMax: 420000, months: 12, funding: []wstr{{"MUNICIPAL", 70}, {"REGIONAL", 30}}},
	"ECONOMIC_SUPPORT":            {area: "POVERTY", kind: "CASH", rateMin: 15000, rateMax: 50000, months: 4, meansTested: true, funding: []wstr{{"MUNICIPAL", 60}, {"FONDO_POVERTA", 40}}},
	"HOUSING_CONTRIBUTION":        {area: "POVERTY", kind: "CASH", rateMin: 80000, rateMax: 300000, lump: true, meansTested: true, funding: []wstr{{"REGIONAL", 60}, {"MUNICIPAL", 40}}},
	"UTILITY_CONTRIBUTION":        {area: "POVERTY", kind: "CASH", rateMin: 15000, rateMax: 60000, lump: true, meansTested: true, funding: []wstr{{"MUNICIPAL", 100}}},
	"FOOD_SUPPORT":                {area: "POVERTY", kind: "VOUCHER", rateMin: 10000, rateMax: 30000, months: 3, meansTested: true, funding: []wstr{{"MUNICIPAL", 70}, {"OTHER", 30}}},
	"WORK_GRANT":                  {area: "POVERTY", kind: "CASH", rateMin: 40000, rateMax: 60000, months: 6, funding: []wstr{{"EU_FSE", 60}, {"FONDO_POVERTA", 40}}},
	"NIGHT_SHELTER":               {area: "POVERTY", kind: "RESIDENTIAL", rateMin: 60000, rateMax: 90000, months: 3, funding: []wstr{{"FONDO_POVERTA", 80}, {"MUNICIPAL", 20}}},
	"ADDICTION_REINTEGRATION":     {area: "DEPENDENCIES", kind: "SERVICE", hpmMin: 8, hpmMax: 20, rateMin: 2400, rateMax: 2400, months: 9, healthShare: 0.3, funding: []wstr{{"REGIONAL", 50}, {"HEALTH_SERVICE", 50}}},
}

// Texts.

// accessNotes are short notes of the front desk, by the need expressed.
var accessNotes = map[string][]string{
	"EL_HOME_CARE":        {"Richiesta di informazioni sull'assistenza domiciliare.", "Chiede aiuto per l'igiene personale e la cura della casa.", "Dimissione ospedaliera recente, serve supporto al domicilio."},
	"EL_NON_SELF_SUFF":    {"Informazioni sull'assegno di cura per la non autosufficienza.", "Perdita di autonomia nelle attività quotidiane, la famiglia è in difficoltà.", "Richiesta di valutazione UVM per la non autosufficienza."},
	"EL_LONELINESS":       {"Il vicinato segnala una situazione di isolamento.", "Anziano/a solo/a, chiede compagnia e telesoccorso.", "Segnalata solitudine dopo la morte del coniuge."},
	"EL_RESIDENTIAL":      {"Richiesta di valutazione per l'inserimento in struttura residenziale.", "Informazioni su residenze protette e quote di compartecipazione."},
	"DI_AUTONOMY":         {"Richiesta di supporto per un progetto di vita indipendente.", "Informazioni sui centri diurni per persone con disabilità."},
	"DI_HOME_CARE":        {"Richiesta di assistenza domiciliare, disabilità grave (L. 104/1992 art. 3 c. 3).", "La famiglia chiede sollievo nel carico assistenziale."},
	"DI_SCHOOL_SUPPORT":   {"Richiesta di assistenza scolastica per il prossimo anno scolastico.", "Richiesta di assistente all'autonomia e alla comunicazione a scuola."},
	"DI_WORK_INCLUSION":   {"Domanda di inserimento lavorativo mirato (L. 68/1999).", "Richiesta di tirocinio di inclusione."},
	"DI_TRANSPORT":        {"Informazioni sul trasporto sociale verso il centro diurno.", "Richiesta di trasporto per visite e terapie."},
	"FM_PARENTING":        {"Richiesta di sostegno educativo domiciliare.", "Difficoltà nella gestione dei figli, chiede un supporto alla genitorialità."},
	"FM_CHILD_PROTECTION": {"Segnalazione di possibile pregiudizio per un minore.", "Comunicazione del Tribunale per i minorenni."},
	"FM_CHILDCARE":        {"Informazioni su asilo nido e contributi per la prima infanzia.", "Richiesta di agevolazioni per la retta del nido."},
	"FM_FAMILY_CONFLICT":  {"Difficoltà nella gestione dei figli dopo la separazione.", "Richiesta di mediazione familiare.", "Colloquio su una situazione di forte conflittualità tra i genitori."},
	"FM_SCHOOL":           {"Segnalazione della scuola per assenze frequenti.", "Difficoltà scolastiche e rischio di abbandono."},
	"DP_ADDICTION":        {"Richiesta di orientamento ai servizi per le dipendenze (SerD).", "Un familiare segnala problemi legati al gioco d'azzardo."},
	"DP_REINTEGRATION":    {"Sostegno al reinserimento dopo un percorso in comunità terapeutica.", "Richiesta di aiuto per rientrare nel mondo del lavoro dopo il percorso al SerD."},
	"IM_INTEGRATION":      {"Richiesta di un mediatore culturale per i colloqui con la scuola.", "Informazioni sui corsi di lingua italiana (CPIA)."},
	"IM_LEGAL":            {"Orientamento per il rinnovo del permesso di soggiorno.", "Informazioni sul ricongiungimento familiare."},
	"PV_INCOME":           {"Informazioni sull'Assegno di inclusione.", "Richiesta di contributo per utenze arretrate.", "Reddito insufficiente per le spese essenziali."},
	"PV_HOUSING":          {"Sfratto per morosità incolpevole, richiesta di sostegno abitativo.", "Difficoltà a pagare l'affitto.", "Informazioni sulle graduatorie per l'edilizia residenziale pubblica."},
	"PV_HOMELESS":         {"Persona senza dimora, richiesta di posto letto per la notte.", "Richiesta di residenza anagrafica fittizia e di pasti alla mensa."},
	"PV_EMPLOYMENT":       {"Perdita del lavoro, chiede orientamento.", "Richiesta di orientamento al Centro per l'impiego."},
	"PV_FOOD":             {"Richiesta di buoni spesa.", "Richiesta di accesso all'emporio solidale."},
	"MU_INFORMATION":      {"Informazioni generali sui servizi sociali del Comune.", "Informazioni sulle agevolazioni tariffarie."},
	"MU_ADMINISTRATIVE":   {"Supporto nella compilazione della DSU per l'ISEE.", "Richiesta di informazioni su pratiche amministrative."},
}

var anonymousNotes = []string{
	"Richiesta di informazioni in forma anonima.",
	"Telefonata anonima di orientamento ai servizi.",
	"La persona preferisce non lasciare i propri dati; fornite informazioni generali.",
}

var caseSummaries = map[string][]string{
	"DEPENDENCIES": {
		"Persona in carico al SerD; progetto di reinserimento sociale e lavorativo condiviso.",
		"Dipendenza da gioco d'azzardo con indebitamento; sostegno alla persona e alla famiglia.",
	},
	"IMMIGRANTS": {
		"Nucleo straniero di recente arrivo; orientamento ai servizi e mediazione linguistica.",
		"Titolare di protezione internazionale in uscita dal sistema di accoglienza.",
	},
	"POVERTY": {
		"Perdita del lavoro e morosità nel canone di locazione; progetto di inclusione.",
		"Nucleo beneficiario di Assegno di inclusione; patto per l'inclusione sociale.",
	},
	"MULTI_USER": {
		"Situazione multiproblematica; valutazione in corso con gli altri servizi del territorio.",
	},
}

var suspensionReasons = []string{
	"Ricovero ospedaliero prolungato.",
	"Trasferimento temporaneo presso familiari fuori zona.",
	"Il cittadino ha chiesto di sospendere gli interventi per alcuni mesi.",
	"In attesa della valutazione dell'Unità di valutazione multidimensionale.",
}

var closureReasons = []wstr{
	{"GOALS_REACHED", 35}, {"TRANSFERRED", 12}, {"MOVED_AWAY", 12}, {"DECEASED", 15},
	{"REFUSED_BY_CITIZEN", 10}, {"NO_LONGER_ELIGIBLE", 10}, {"OTHER", 6},
}

var closureNotes = map[string]string{
	"GOALS_REACHED":      "Obiettivi del progetto raggiunti.",
	"TRANSFERRED":        "Presa in carico trasferita ad altro servizio.",
	"MOVED_AWAY":         "Trasferimento di residenza fuori zona.",
	"DECEASED":           "Decesso della persona.",
	"REFUSED_BY_CITIZEN": "La persona ha rinunciato agli interventi.",
	"NO_LONGER_ELIGIBLE": "Venuti meno i requisiti di accesso.",
	"OTHER":              "Chiusura per altri motivi, vedi diario.",
}

var interventionClosures = []string{
	"Conclusione del periodo autorizzato.",
	"Obiettivi raggiunti.",
	"Rinuncia dell'utente.",
	"Sostituito da altro intervento.",
	"Ingresso in struttura residenziale.",
}

var interventionRefusals = []string{
	"ISEE superiore alla soglia prevista dal regolamento.",
	"Risorse del fondo esaurite per l'annualità.",
	"Requisiti di accesso non soddisfatti.",
	"Intervento non coerente con il progetto personalizzato.",
}

// diaryText is a diary entry; areas lists the user areas it fits ("" any).
type diaryText struct{ text, areas string }

var diaryTexts = map[string][]diaryText{
	"MEETING": {
		{"Colloquio in ufficio con la persona: condivisi gli obiettivi del progetto.", ""},
		{"Colloquio con i familiari sull'organizzazione dell'assistenza.", "ELDERLY DISABILITY"},
		{"Incontro di équipe con il servizio sanitario distrettuale.", "ELDERLY DISABILITY DEPENDENCIES"},
		{"Colloquio di verifica: la situazione appare stabile.", ""},
		{"Incontro con la scuola e la famiglia.", "FAMILY_MINORS"},
		{"Colloquio con il mediatore culturale presente.", "IMMIGRANTS"},
		{"Verifica del patto per l'inclusione e della ricerca attiva di lavoro.", "POVERTY"},
	},
	"HOME_VISIT": {
		{"Visita domiciliare di verifica, concordata con la persona.", ""},
		{"Visita domiciliare: abitazione adeguata, qualche barriera architettonica.", "ELDERLY DISABILITY"},
		{"Visita domiciliare: la persona è serena e ben accudita.", "ELDERLY DISABILITY"},
		{"Visita domiciliare congiunta con l'infermiere del distretto.", "ELDERLY DISABILITY"},
		{"Visita domiciliare: segnalata difficoltà nella gestione dei farmaci.", "ELDERLY"},
		{"Visita domiciliare: osservata la relazione tra genitori e figli.", "FAMILY_MINORS"},
		{"Visita domiciliare: alloggio sovraffollato e in cattive condizioni.", "POVERTY IMMIGRANTS"},
	},
	"PHONE_CALL": {
		{"Telefonata con un familiare per aggiornamenti.", ""},
		{"Contatto telefonico con il medico di medicina generale.", "ELDERLY DISABILITY DEPENDENCIES"},
		{"Sentito telefonicamente il coordinatore della cooperativa.", "ELDERLY DISABILITY FAMILY_MINORS"},
		{"La persona chiama per chiedere notizie sulla pratica.", ""},
		{"Sentita l'insegnante di riferimento.", "FAMILY_MINORS"},
		{"Contatto con il SerD per il monitoraggio del programma.", "DEPENDENCIES"},
	},
	"REPORT": {
		{"Relazione sociale inviata al Tribunale per i minorenni.", "FAMILY_MINORS"},
		{"Relazione di aggiornamento per l'Unità di valutazione multidimensionale.", "ELDERLY DISABILITY"},
		{"Relazione sociale per la richiesta di amministrazione di sostegno.", "ELDERLY DISABILITY"},
		{"Relazione per la commissione inserimenti in struttura.", "ELDERLY"},
		{"Relazione sociale di aggiornamento.", ""},
	},
	"NOTE": {
		{"Ricevuta documentazione ISEE aggiornata.", ""},
		{"Aggiornato il progetto personalizzato.", ""},
		{"Nota: la persona preferisce essere contattata al mattino.", ""},
	},
}

var planSummaries = map[string][]string{
	"ELDERLY":       {"Mantenere la persona al proprio domicilio in sicurezza, sostenendo la rete familiare.", "Garantire assistenza tutelare e contrastare l'isolamento."},
	"DISABILITY":    {"Sostenere l'autonomia personale e l'inclusione sociale.", "Garantire la frequenza scolastica con l'assistenza necessaria."},
	"FAMILY_MINORS": {"Sostenere le competenze genitoriali e il benessere dei minori.", "Accompagnare il nucleo nella fase di separazione tutelando i figli."},
	"DEPENDENCIES":  {"Consolidare l'astinenza e avviare un percorso di reinserimento lavorativo."},
	"IMMIGRANTS":    {"Favorire l'integrazione del nucleo: lingua, scuola, lavoro, documenti."},
	"POVERTY":       {"Superare l'emergenza economica e abitativa e avviare un percorso di inclusione.", "Accompagnare la persona verso l'autonomia economica."},
	"MULTI_USER":    {"Orientare la persona ai servizi e monitorare la situazione."},
}

type goalText struct{ desc, indicator string }

var planGoals = map[string][]goalText{
	"ELDERLY": {
		{"Garantire l'igiene personale quotidiana", "Accessi settimanali dell'operatore socio-sanitario"},
		{"Ridurre l'isolamento sociale", "Partecipazione ad attività del centro sociale"},
		{"Sostenere il caregiver familiare", "Ore di sollievo mensili"},
		{"Prevenire le cadute in casa", "Adeguamento dell'abitazione completato"},
	},
	"DISABILITY": {
		{"Aumentare l'autonomia negli spostamenti", "Utilizzo autonomo dei mezzi pubblici"},
		{"Frequenza regolare del centro diurno", "Presenze mensili"},
		{"Inserimento in tirocinio lavorativo", "Tirocinio avviato"},
	},
	"FAMILY_MINORS": {
		{"Migliorare la frequenza scolastica", "Assenze mensili inferiori a 3"},
		{"Rafforzare le competenze genitoriali", "Partecipazione al gruppo genitori"},
		{"Ridurre la conflittualità tra i genitori", "Percorso di mediazione concluso"},
		{"Garantire la tutela del minore", "Verifiche periodiche del servizio"},
	},
	"DEPENDENCIES": {
		{"Mantenere l'aderenza al programma terapeutico", "Controlli SerD regolari"},
		{"Avviare un percorso lavorativo", "Borsa lavoro attivata"},
	},
	"IMMIGRANTS": {
		{"Acquisire competenze di lingua italiana", "Iscrizione al corso CPIA"},
		{"Regolarizzare la posizione documentale", "Permesso di soggiorno rinnovato"},
	},
	"POVERTY": {
		{"Sostenere il reddito del nucleo", "Contributo erogato"},
		{"Ricerca attiva di lavoro", "Iscrizione al Centro per l'impiego e colloqui svolti"},
		{"Trovare una soluzione abitativa stabile", "Contratto di locazione sottoscritto"},
	},
	"MULTI_USER": {
		{"Orientare ai servizi competenti", "Invio effettuato"},
	},
}

var freeObservations = map[string][]string{
	"DEPENDENCIES": {"Buona motivazione al cambiamento; rete familiare presente ma affaticata.", "Precedenti ricadute; collaborazione discontinua con il SerD."},
	"IMMIGRANTS":   {"Competenza linguistica di base; buona rete comunitaria.", "Nucleo isolato, nessuna rete di riferimento sul territorio."},
	"POVERTY":      {"Situazione debitoria rilevante; disponibilità a un percorso di accompagnamento.", "Capacità lavorative residue buone; necessaria formazione."},
	"MULTI_USER":   {"Bisogni da approfondire con gli altri servizi.", "Situazione stabile, monitoraggio periodico."},
}

var referralToSocialService = []string{
	"Richiesta di valutazione da parte del servizio sociale professionale.",
	"Situazione complessa emersa allo sportello: si propone la presa in carico.",
	"Bisogno assistenziale da approfondire con visita domiciliare.",
}

var referralToOtherZone = []string{
	"Trasferimento di residenza: si chiede la prosecuzione della presa in carico.",
	"La persona è domiciliata nel vostro territorio: si segnala per competenza.",
	"Nucleo trasferito presso familiari: si inviano gli atti per la continuità degli interventi.",
}

var referralToHealth = []string{
	"Invio al Centro di salute mentale per valutazione.",
	"Invio al SerD per presa in carico congiunta.",
	"Richiesta di valutazione UVM per assistenza domiciliare integrata.",
	"Segnalazione al consultorio familiare.",
}

var referralToProvider = []string{
	"Attivazione del servizio autorizzato: si trasmette il progetto personalizzato.",
	"Richiesta di disponibilità per l'avvio del servizio.",
	"Richiesta di presa in carico per il servizio accreditato.",
}

var referralToZoneOffice = []string{
	"Richiesta di autorizzazione per inserimento in struttura residenziale.",
	"Richiesta di integrazione del budget di progetto.",
	"Caso complesso da discutere in Unità di valutazione multidimensionale.",
}

var referralRejections = []string{
	"La persona non risiede nel territorio di competenza.",
	"Servizio non attivabile: lista d'attesa completa.",
	"Documentazione ISEE incompleta.",
	"Richiesta non pertinente: rivolgersi al Centro per l'impiego.",
	"Bisogno già coperto da altro intervento in corso.",
}
