/* The web UI's words in Dutch (the default) and English, selectable per
 * account (mk_svc_user_set_lang). One table of message ids, each with its
 * nl and en text; pages ask mk_t(lang, id). The guidance's own terms (the
 * phase names, the matrix rows, the Tabel 1 examples, BOBOC) stay Dutch
 * in both languages, as they do in the register itself. */
#ifndef MK_HTTP_I18N_H
#define MK_HTTP_I18N_H

/* M(id, nl, en). Texts are markup-free plain text, except where an id
 * ends in _FMT: then it is a printf format with the stated arguments. */
#define MK_MESSAGES(M) \
	M(TAGLINE, "Informatiebeveiligingsincidenten", "Information security incidents") \
	M(SKIP_LINK, "Naar de inhoud", "Skip to content") \
	M(NAV_LABEL, "Hoofdmenu", "Main menu") \
	M(NAV_DASHBOARD, "Overzicht", "Dashboard") \
	M(NAV_MELDEN, "Meld een incident", "Report an incident") \
	M(NAV_WACHTRIJ, "Wachtrij", "Queue") \
	M(NAV_INCIDENTEN, "Incidenten", "Incidents") \
	M(NAV_KPI, "Metrieken", "Metrics") \
	M(NAV_INSTELLINGEN, "Instellingen", "Settings") \
	M(LOGOUT, "Uitloggen", "Log out") \
	M(FOOTER, "meldkamer volgt de IBD Handreiking Incident- en response management (BIO hoofdstuk 16). Tijden in Nederlandse tijd.", \
	  "meldkamer follows the IBD guidance on incident and response management (BIO chapter 16). Times are Amsterdam time.") \
	M(UNKNOWN, "onbekend", "unknown") \
	M(NONE, "geen", "none") \
	M(YES, "ja", "yes") \
	M(NO, "nee", "no") \
	M(SAVE, "Opslaan", "Save") \
	M(BACK_HOME, "Terug naar het overzicht", "Back to the dashboard") \
	M(ERR_TITLE, "Er ging iets mis", "Something went wrong") \
	M(ERR_NOT_FOUND_TITLE, "Niet gevonden", "Not found") \
	M(ERR_FORBIDDEN_TITLE, "Geen toegang", "No access") \
	M(ERR_FORM_INTRO, "Het formulier is niet verwerkt:", "The form was not processed:") \
	M(ERR_STALE, "iemand anders heeft dit incident intussen gewijzigd; bekijk de nieuwe stand en probeer het opnieuw", \
	  "someone else changed this incident in the meantime; look at the new state and try again") \
	M(ERR_BAD_FORM, "het formulier kon niet gelezen worden", "the form could not be read") \
	M(ERR_REQUIRED, "dit veld is verplicht", "this field is required") \
	M(ERR_TIME, "geen geldige datum en tijd; gebruik bijvoorbeeld 2026-12-04 09:30", \
	  "not a valid date and time; use for example 2026-12-04 09:30") \
	M(ERR_TOO_LONG, "deze tekst is te lang", "this text is too long") \
	/* login */ \
	M(LOGIN_TITLE, "Inloggen", "Log in") \
	M(LOGIN_INTRO, "Log in met uw gebruikersnaam en wachtwoord.", "Log in with your user name and password.") \
	M(LOGIN_NAME, "Gebruikersnaam", "User name") \
	M(LOGIN_PASSWORD, "Wachtwoord", "Password") \
	M(LOGIN_SUBMIT, "Inloggen", "Log in") \
	M(LOGIN_FAILED, "gebruikersnaam of wachtwoord onjuist", "wrong user name or password") \
	M(LOGIN_THROTTLED, "te veel mislukte pogingen; wacht een kwartier en probeer het dan opnieuw", \
	  "too many failed attempts; wait a quarter of an hour and try again") \
	M(LOGIN_CSRF, "het inlogformulier is verlopen; probeer het opnieuw", "the login form expired; please try again") \
	M(LOGGED_OUT, "U bent uitgelogd.", "You have logged out.") \
	/* melden */ \
	M(MELDEN_TITLE, "Meld een incident", "Report an incident") \
	M(MELDEN_INTRO, "Merkt u iets vreemds op, zoals een verdachte e-mail, een kwijtgeraakte laptop of gegevens die bij de verkeerde persoon zijn beland? Meld het hier. Liever te vroeg dan te laat.", \
	  "Noticed something odd, such as a suspicious e-mail, a lost laptop or data that reached the wrong person? Report it here. Better too early than too late.") \
	M(MELDEN_WHAT, "Korte omschrijving", "Short description") \
	M(MELDEN_WHAT_HINT, "Bijvoorbeeld: phishingmail met link naar nep-inlogpagina", "For example: phishing e-mail linking to a fake login page") \
	M(MELDEN_HAPPENED, "Wat is er gebeurd?", "What happened?") \
	M(MELDEN_HAPPENED_HINT, "Wat zag u, wat heeft u gedaan, wie of wat is geraakt?", "What did you see, what did you do, who or what is affected?") \
	M(MELDEN_WHEN, "Wanneer merkte u het op?", "When did you notice it?") \
	M(MELDEN_WHEN_HINT, "Laat leeg voor nu.", "Leave empty for now.") \
	M(MELDEN_DEPARTMENT, "Uw afdeling", "Your department") \
	M(MELDEN_PHONE, "Uw telefoonnummer", "Your phone number") \
	M(MELDEN_SUBMIT, "Melding versturen", "Send report") \
	M(MELDEN_DONE_FMT, "Dank u. Uw melding is geregistreerd als %s. De servicedesk neemt contact met u op.", \
	  "Thank you. Your report has been registered as %s. The service desk will contact you.") \
	M(OPTIONAL, "(niet verplicht)", "(optional)") \
	/* dashboard */ \
	M(DASH_TITLE, "Overzicht", "Dashboard") \
	M(DASH_OPEN_BY_PRIORITY, "Open incidenten per prioriteit", "Open incidents by priority") \
	M(DASH_NOT_ASSESSED, "Nog niet beoordeeld", "Not yet assessed") \
	M(DASH_CLOCKS, "Lopende klokken", "Running clocks") \
	M(DASH_NO_CLOCKS, "Er lopen geen klokken.", "No clocks are running.") \
	M(DASH_MY_REPORTS, "Mijn meldingen", "My reports") \
	M(DASH_NO_REPORTS, "U heeft nog niets gemeld.", "You have not reported anything yet.") \
	M(DASH_NONE_OPEN, "Geen open incidenten.", "No open incidents.") \
	M(DASH_MORE_FMT, "en nog %lld", "and %lld more") \
	M(OVERDUE, "te laat", "overdue") \
	M(RUNNING, "loopt", "running") \
	M(REMAINING, "Resterend", "Remaining") \
	M(DUE, "Uiterlijk", "Due") \
	M(CLOCK, "Klok", "Clock") \
	M(STATE, "Stand", "State") \
	/* lists */ \
	M(COL_KEY, "Nummer", "Number") \
	M(COL_TITLE, "Titel", "Title") \
	M(COL_PRIORITY, "Prioriteit", "Priority") \
	M(COL_PHASE, "Fase", "Phase") \
	M(COL_REPORTED, "Gemeld", "Reported") \
	M(COL_REPORTER, "Melder", "Reporter") \
	M(COL_WAITING, "Wacht al", "Waiting for") \
	M(QUEUE_TITLE, "Wachtrij servicedesk", "Service desk queue") \
	M(QUEUE_INTRO, "Meldingen die nog niet geclassificeerd zijn, de oudste eerst.", "Reports not yet classified, oldest first.") \
	M(QUEUE_EMPTY, "De wachtrij is leeg.", "The queue is empty.") \
	M(LIST_TITLE, "Incidenten", "Incidents") \
	M(LIST_SEARCH, "Zoeken in incidenten en logboeken", "Search incidents and logbooks") \
	M(LIST_SEARCH_SUBMIT, "Zoeken", "Search") \
	M(LIST_EMPTY, "Geen incidenten gevonden.", "No incidents found.") \
	M(LIST_OLDER, "Oudere incidenten", "Older incidents") \
	M(LIST_RESULTS_FMT, "Zoekresultaten voor \xe2\x80\x9c%s\xe2\x80\x9d", "Search results for \xe2\x80\x9c%s\xe2\x80\x9d") \
	M(LIST_ALL, "Alle incidenten", "All incidents") \
	M(CONFIDENTIAL, "vertrouwelijk", "confidential") \
	M(EXERCISE, "oefening", "exercise") \
	/* incident page */ \
	M(INC_RECORD, "Gegevens", "Record") \
	M(INC_DESCRIPTION, "Omschrijving", "Description") \
	M(INC_REPORTER, "Melder", "Reporter") \
	M(INC_SOURCE, "Bron van de detectie", "Detection source") \
	M(INC_EVENT_TYPE, "Soort gebeurtenis", "Event type") \
	M(INC_CLASSIFICATION, "Classificatie", "Classification") \
	M(INC_MATRIX_ROW, "Meldingsmatrix (Bijlage 3)", "Notification matrix (Bijlage 3)") \
	M(INC_NOT_CLASSIFIED, "nog niet geclassificeerd", "not yet classified") \
	M(INC_IMPACT, "Impact", "Impact") \
	M(INC_URGENCY, "Urgentie", "Urgency") \
	M(INC_PRIORITY, "Prioriteit", "Priority") \
	M(INC_PERSONAL_DATA, "Persoonsgegevens betrokken", "Personal data involved") \
	M(INC_TIMES, "Tijden", "Times") \
	M(INC_CLOCKS, "Klokken", "Clocks") \
	M(INC_ASSESS, "Beoordeling", "Assessment") \
	M(INC_ASSESS_INTRO, "Kies de rij uit de meldingsmatrix en beoordeel de impact per criterium (Tabel 1). De impact is het hoogste niveau dat u geeft; met de urgentie volgt daaruit de prioriteit.", \
	  "Choose the notification matrix row and assess the impact per criterion (Tabel 1). The impact is the highest level given; with the urgency it gives the priority.") \
	M(INC_ASSESS_CHANGE, "Beoordeling invullen of wijzigen", "Fill in or change the assessment") \
	M(INC_CONFIDENTIAL, "Vertrouwelijk", "Confidential") \
	M(INC_CHOOSE_ROW, "kies een rij", "choose a row") \
	M(INC_NOT_ASSESSED, "niet beoordeeld", "not assessed") \
	M(INC_PEOPLE, "Aantal getroffen mensen", "Number of people affected") \
	M(INC_ASSESS_SUBMIT, "Beoordeling opslaan", "Save assessment") \
	M(INC_PHASE, "Fase", "Phase") \
	M(INC_PHASE_TO, "Nieuwe fase", "New phase") \
	M(INC_PHASE_REASON, "Reden (nodig bij terug of overslaan)", "Reason (needed to go back or skip)") \
	M(INC_PHASE_SUBMIT, "Fase wijzigen", "Change phase") \
	M(INC_CHECKLIST, "Stappenplan (Bijlage 1)", "Checklist (Bijlage 1)") \
	M(INC_TASK_NOTE, "Toelichting", "Note") \
	M(INC_TASK_DONE, "Gereed", "Done") \
	M(INC_TASK_NVT, "N.v.t.", "N/a") \
	M(INC_TASK_REOPEN, "Heropenen", "Reopen") \
	M(INC_TASK_OPEN, "open", "open") \
	M(INC_TASK_STATE_DONE, "gereed", "done") \
	M(INC_TASK_STATE_NVT, "n.v.t.", "n/a") \
	M(INC_TASK_OWNER, "Eigenaar", "Owner") \
	M(INC_LOGBOOK, "Logboek", "Logbook") \
	M(INC_CHAIN_OK_FMT, "Keten intact: %lld regels, laatste hash %.12s\xe2\x80\xa6", "Chain intact: %lld entries, last hash %.12s\xe2\x80\xa6") \
	M(INC_CHAIN_BAD, "Keten verbroken:", "Chain broken:") \
	M(INC_LOG_KIND, "Soort", "Kind") \
	M(INC_LOG_TEXT, "Tekst", "Text") \
	M(INC_LOG_SUBMIT, "Toevoegen aan logboek", "Add to logbook") \
	M(INC_LOG_ADD, "Nieuwe logboekregel", "New logbook entry") \
	M(INC_DECISIONS, "Besluiten (BOBOC)", "Decisions (BOBOC)") \
	M(INC_NO_DECISIONS, "Nog geen besluiten.", "No decisions yet.") \
	M(INC_DECISION_ADD, "Nieuw besluit", "New decision") \
	M(INC_BEELDVORMING, "Beeldvorming", "Beeldvorming (situation)") \
	M(INC_OPTIES, "Opties", "Opties (options)") \
	M(INC_BESLUIT, "Besluit", "Besluit (decision)") \
	M(INC_OPDRACHT_WIE, "Opdracht: wie", "Opdracht: who") \
	M(INC_OPDRACHT_UITERLIJK, "Opdracht: uiterlijk", "Opdracht: by when") \
	M(INC_CONTROLE_OP, "Controle op", "Controle (check) on") \
	M(INC_CONTROLE_HINT, "Leeg: op de uiterste datum van de opdracht.", "Empty: at the assignment's deadline.") \
	M(INC_DECIDED_BY, "Besloten door", "Decided by") \
	M(INC_DECISION_SUBMIT, "Besluit vastleggen", "Record decision") \
	/* the data breach (ui-breach.c); the vocabularies stay Dutch, as the AP's form */ \
	M(BR_TITLE, "Datalek", "Data breach") \
	M(BR_NONE, "Er is voor dit incident geen datalek vastgelegd.", "No data breach has been recorded for this incident.") \
	M(BR_RECORD, "Datalek vastleggen", "Record the data breach") \
	M(BR_CHANGE, "Datalek wijzigen", "Change the data breach") \
	M(BR_AWARE, "Kennisname (start van de 72 uur)", "Became aware (start of the 72 hours)") \
	M(BR_AWARE_HINT, "Leeg laten: het moment van ontdekking van het incident.", "Leave empty: the moment the incident was detected.") \
	M(BR_ENDED, "Beëindigd op", "Ended at") \
	M(BR_SUMMARY, "Samenvatting", "Summary") \
	M(BR_NATURE, "Wat is er met de gegevens gebeurd", "What happened to the data") \
	M(BR_CAUSE, "Oorzaak", "Cause") \
	M(BR_CATEGORIES, "Soorten persoonsgegevens", "Kinds of personal data") \
	M(BR_SPECIAL, "Bijzondere persoonsgegevens", "Special categories of personal data") \
	M(BR_BSN, "BSN betrokken", "Citizen service numbers (BSN) involved") \
	M(BR_RECORDS, "Aantal records (ongeveer)", "Number of records (approximately)") \
	M(BR_GROUPS, "Groepen betrokkenen", "Groups of data subjects") \
	M(BR_SUBJECTS_MIN, "Aantal betrokkenen minimaal", "Data subjects, at least") \
	M(BR_SUBJECTS_MAX, "Aantal betrokkenen maximaal", "Data subjects, at most") \
	M(BR_SUBJECTS, "Aantal betrokkenen", "Number of data subjects") \
	M(BR_ENCRYPTED, "Versleuteld of onbegrijpelijk gemaakt", "Encrypted or made unintelligible") \
	M(BR_ENCRYPTION, "Hoe", "How") \
	M(BR_RISK, "Risico voor de betrokkenen", "Risk for the data subjects") \
	M(BR_RISK_REASONING, "Onderbouwing van het risico", "Reasoning behind the risk") \
	M(BR_CONSEQUENCES, "Mogelijke gevolgen", "Possible consequences") \
	M(BR_MEASURES, "Genomen maatregelen", "Measures taken") \
	M(BR_FG, "FG geraadpleegd (wie)", "Privacy officer (FG) consulted (who)") \
	M(BR_FG_AT, "FG geraadpleegd op", "Privacy officer consulted at") \
	M(BR_CHOOSE, "(kies)", "(choose)") \
	M(BR_CLOCK, "De 72 uur voor de melding aan de AP", "The 72 hours for notifying the AP") \
	M(BR_AP_STATUS, "Status bij de AP", "Status with the AP") \
	M(BR_NOTIFICATIONS, "Meldingen aan de AP", "Notifications to the AP") \
	M(BR_NO_NOTIFICATIONS, "Nog niet gemeld bij de AP.", "Not notified to the AP yet.") \
	M(BR_KIND, "Soort melding", "Kind of notification") \
	M(BR_REFERENCE, "Meldnummer van de AP", "The AP's reference number") \
	M(BR_FILED_AT, "Ingediend op", "Filed at") \
	M(BR_FILED_HINT, "Leeg laten: nu.", "Leave empty: now.") \
	M(BR_FILED_BY, "Door", "By") \
	M(BR_LATE, "na de 72 uur", "after the 72 hours") \
	M(BR_LATE_REASON, "Reden van de vertraging (verplicht na 72 uur)", "Reason for the delay (required after 72 hours)") \
	M(BR_NOTIFY, "Melding vastleggen", "Record the notification") \
	M(BR_NOTIFY_NEXT, "Volgende melding aan de AP vastleggen", "Record the next notification to the AP") \
	M(BR_INFORM, "Betrokkenen informeren", "Informing the data subjects") \
	M(BR_INFORM_UNDECIDED, "Nog niet besloten.", "Not decided yet.") \
	M(BR_DECISION, "Besluit", "Decision") \
	M(BR_INFORM_YES, "ja, informeren", "yes, inform them") \
	M(BR_INFORM_NO, "nee, niet informeren", "no, do not inform them") \
	M(BR_EXCEPTION, "Grond om niet te informeren (art. 34 lid 3)", "Ground for not informing (art. 34(3))") \
	M(BR_REASON, "Reden (verplicht bij nee)", "Reason (required for no)") \
	M(BR_CHANNEL, "Kanaal", "Channel") \
	M(BR_INFORMED_AT, "Geïnformeerd op", "Informed at") \
	M(BR_INFORM_SUBMIT, "Besluit over informeren vastleggen", "Record the decision on informing") \
	M(BR_DRAFT, "Concept-melding voor de AP (JSON)", "Draft notification for the AP (JSON)") \
	M(BR_ERR_LATE, "de melding komt na de 72 uur: geef de reden van de vertraging (AVG art. 33 lid 1)", \
	  "the notification comes after the 72 hours: give the reason for the delay (GDPR art. 33(1))") \
	M(INC_TIMELINE, "Tijdlijn", "Timeline") \
	M(INC_EDIT, "Gegevens wijzigen", "Edit record") \
	M(INC_EDIT_SUBMIT, "Wijzigingen opslaan", "Save changes") \
	M(EDIT_REPORTER_NAME, "Naam van de melder", "Reporter's name") \
	M(EDIT_REPORTER_DEPARTMENT, "Afdeling van de melder", "Reporter's department") \
	M(EDIT_REPORTER_PHONE, "Telefoon van de melder", "Reporter's phone") \
	M(EDIT_REPORTER_EMAIL, "E-mail van de melder", "Reporter's e-mail") \
	M(EDIT_SUPPLIER, "Betrokken leverancier", "Supplier involved") \
	M(EDIT_PARENT, "Hoofdincident (sleutel, bij een deelincident)", "Parent incident (key, for a sub-incident)") \
	M(EDIT_EXERCISE, "Oefening", "Exercise") \
	M(EDIT_TLP, "TLP (delen, bijvoorbeeld met de IBD)", "TLP (sharing, e.g. with the IBD)") \
	M(INC_SAVED, "Opgeslagen.", "Saved.") \
	M(INC_NO_LOG, "Het logboek is leeg.", "The logbook is empty.") \
	/* times */ \
	M(T_OCCURRED, "Begin incident", "Incident started") \
	M(T_DETECTED, "Ontdekt", "Detected") \
	M(T_REPORTED, "Gemeld bij de servicedesk", "Reported to the service desk") \
	M(T_MANAGEMENT, "CISO en directie ge\xc3\xafnformeerd", "CISO and management informed") \
	M(T_SUBJECTS, "Betrokkenen ge\xc3\xafnformeerd", "Data subjects informed") \
	M(T_AP, "Gemeld bij de AP", "Notified to the AP") \
	M(T_CONTAINED, "Ingedamd", "Contained") \
	M(T_RESOLVED, "Opgelost", "Resolved") \
	M(T_CLOSED, "Afgesloten", "Closed") \
	M(T_EVALUATED, "Ge\xc3\xabvalueerd", "Evaluated") \
	M(T_ESTIMATED, "(geschat)", "(estimated)") \
	/* deadline states */ \
	M(DL_NOT_APPLICABLE, "niet van toepassing", "not applicable") \
	M(DL_NOT_YET, "nog niet open", "not yet open") \
	M(DL_RUNNING, "loopt", "running") \
	M(DL_OVERDUE, "te laat", "overdue") \
	M(DL_MET, "op tijd gehaald", "met in time") \
	M(DL_MET_LATE, "te laat gehaald", "met late") \
	M(DL_ENDED, "verstreken", "ended") \
	/* kpi */ \
	M(KPI_TITLE, "Metrieken", "Metrics") \
	M(KPI_INTRO_FMT, "%lld incidenten geteld; %lld oefeningen buiten beschouwing.", "%lld incidents counted; %lld exercises left out.") \
	M(KPI_BY_CATEGORY, "Incidenten per categorie", "Incidents per category") \
	M(KPI_BY_PRIORITY, "Incidenten per prioriteit", "Incidents per priority") \
	M(KPI_BY_PHASE, "Incidenten per fase", "Incidents per phase") \
	M(KPI_DURATIONS, "Doorlooptijden (minimum, gemiddelde, maximum)", "Durations (minimum, average, maximum)") \
	M(KPI_LAG, "Begin tot ontdekking", "Start to detection") \
	M(KPI_CONTAINMENT, "Ontdekking tot indamming", "Detection to containment") \
	M(KPI_RESOLUTION, "Melding tot oplossing", "Report to resolution") \
	M(KPI_PERSONAL, "Met persoonsgegevens", "With personal data") \
	M(KPI_CITIZEN, "Met impact op burgers", "With citizen impact") \
	M(KPI_COUNT, "Aantal", "Count") \
	M(KPI_CATEGORY, "Categorie", "Category") \
	M(KPI_UNCLASSIFIED, "(niet geclassificeerd)", "(not classified)") \
	M(KPI_MIN, "Minimum", "Minimum") \
	M(KPI_AVG, "Gemiddelde", "Average") \
	M(KPI_MAX, "Maximum", "Maximum") \
	M(KPI_N, "Incidenten", "Incidents") \
	M(KPI_TABLE, "Als tabel", "As a table") \
	M(KPI_NO_DATA, "Nog geen gegevens.", "No data yet.") \
	/* settings */ \
	M(SET_TITLE, "Instellingen", "Settings") \
	M(SET_LANG, "Taal", "Language") \
	M(SET_LANG_NL, "Nederlands", "Nederlands (Dutch)") \
	M(SET_LANG_EN, "English (Engels)", "English") \
	M(SET_SAVED, "Uw instellingen zijn opgeslagen.", "Your settings have been saved.") \
	M(SET_ACCOUNT, "Uw account", "Your account") \
	/* intake: indicators on the incident page, the alert groups */ \
	M(IND_TITLE, "Indicatoren", "Indicators") \
	M(IND_NONE, "Nog geen indicatoren bij dit incident.", "No indicators on this incident yet.") \
	M(IND_TYPE, "Soort", "Type") \
	M(IND_VALUE, "Waarde", "Value") \
	M(IND_TLP, "TLP", "TLP") \
	M(IND_ROLE, "Rol", "Role") \
	M(IND_SEEN, "Eerder gezien", "Seen before") \
	M(IND_SEEN_NOWHERE, "nergens anders", "nowhere else") \
	M(IND_SEEN_IN, "ook in", "also in") \
	M(IND_MORE_FMT, "en nog %lld incidenten", "and %lld more incidents") \
	M(IND_GROUPS_FMT, "%lld alertgroep(en)", "%lld alert group(s)") \
	M(IND_ADD, "Indicator toevoegen", "Add an indicator") \
	M(IND_ADD_HINT, "Een IP-adres, domein, URL, e-mailadres, hash of bestandsnaam; de waarde wordt genormaliseerd.", "An IP address, domain, URL, e-mail address, hash or file name; the value is normalised.") \
	M(IND_SUBMIT, "Indicator toevoegen", "Add indicator") \
	M(NAV_ALERTS, "Alertgroepen", "Alert groups") \
	M(AG_TITLE, "Alertgroepen", "Alert groups") \
	M(AG_INTRO, "Herhaalde alerts van IDS en SIEM met dezelfde signatuur en eindpunten, samengevoegd; de nieuwste bovenaan. Maak van een groep een incident als die aandacht nodig heeft.", "Repeated IDS and SIEM alerts with the same signature and endpoints, collapsed; newest first. Make an incident of a group that needs attention.") \
	M(AG_NONE, "Nog geen alertgroepen.", "No alert groups yet.") \
	M(AG_GROUP, "Groep", "Group") \
	M(AG_SEVERITY, "Ernst", "Severity") \
	M(AG_COUNT, "Aantal", "Count") \
	M(AG_FIRST, "Eerst gezien", "First seen") \
	M(AG_LAST, "Laatst gezien", "Last seen") \
	M(AG_ENDPOINTS, "Bron en bestemming", "Source and destination") \
	M(AG_SIGNATURE, "Signatuur", "Signature") \
	M(AG_INCIDENT, "Incident", "Incident") \
	M(AG_NOT_PROMOTED, "nog geen incident", "no incident yet") \
	M(AG_SHOWN_FMT, "De nieuwste %d van %lld groepen.", "The newest %d of %lld groups.") \
	M(AG_GROUP_TITLE_FMT, "Alertgroep %lld", "Alert group %lld") \
	M(AG_KIND, "Bron", "Source") \
	M(AG_SIGNATURE_ID, "Signatuur-id", "Signature id") \
	M(AG_PROTO, "Protocol", "Protocol") \
	M(AG_ALERTS, "Alerts", "Alerts") \
	M(AG_ALERTS_SHOWN_FMT, "De eerste %d alerts in volgorde van tijd.", "The first %d alerts in order of time.") \
	M(AG_AT, "Tijd", "Time") \
	M(AG_ORIGIN, "Herkomst", "Origin") \
	M(AG_RAW, "Het alert zoals ontvangen", "The alert as received") \
	M(AG_PROMOTE, "Maak er een incident van", "Make it an incident") \
	M(AG_PROMOTE_HINT, "Registreert een incident met de signatuur als titel, de bron en eerste melding van de groep, en de IP-adressen als indicatoren.", "Registers an incident with the signature as its title, the group's source and first alert, and its IP addresses as indicators.") \
	M(AG_PROMOTED_TO, "Gepromoveerd tot", "Promoted to") \
	M(AG_PROMOTED_HIDDEN, "gepromoveerd (een incident dat u niet kunt inzien)", "promoted (an incident you cannot see)") \
	M(AG_BACK, "Alle alertgroepen", "All alert groups") \
	/* the breach register (ui-register.c) */ \
	M(NAV_REGISTER, "Datalekken", "Data breaches") \
	M(REG_TITLE, "Register van datalekken", "Register of data breaches") \
	M(REG_INTRO, "Elk datalek, gemeld bij de AP of niet (AVG artikel 33 lid 5), met wat u mag inzien.", "Every data breach, notified to the AP or not (GDPR article 33(5)), as far as you may see it.") \
	M(REG_CSV, "Downloaden als CSV", "Download as CSV") \
	M(REG_XLSX, "Downloaden als Excel (XLSX)", "Download as Excel (XLSX)") \
	M(REG_EMPTY, "Nog geen datalekken geregistreerd.", "No data breaches recorded yet.") \
	/* closure (ui-closure.c) */ \
	M(CL_TITLE, "Afsluiting en evaluatie", "Closure and evaluation") \
	M(CL_LINK, "Tijd, kosten, evaluatie en rapport", "Time, costs, evaluation and report") \
	M(CL_BACK, "Terug naar het incident", "Back to the incident") \
	M(CL_TIME, "Tijd en kosten", "Time and costs") \
	M(CL_TIME_INTRO, "Stap 7.1: alle tijdschrijfregels en de totale kosten, die verhaald kunnen worden als er een rechtszaak komt tegen een verdachte.", \
	  "Step 7.1: all time entries and the total cost, which can be recovered if a suspect is taken to court.") \
	M(CL_TOTAL, "Totaal", "Total") \
	M(CL_TIME_TOTAL, "Tijd", "Time") \
	M(CL_OTHER_TOTAL, "Overige kosten", "Other costs") \
	M(CL_ROUNDING, "Per regel: minuten maal uurtarief gedeeld door 60, op hele centen, een halve cent naar boven.", \
	  "Per entry: minutes times the hourly rate divided by 60, to whole cents, half a cent up.") \
	M(CL_NO_RATE, "geen uurtarief", "no hourly rate") \
	M(CL_DATE, "Datum", "Date") \
	M(CL_PERSON, "Wie", "Who") \
	M(CL_ROLE, "Rol", "Role") \
	M(CL_ACTIVITY, "Activiteit", "Activity") \
	M(CL_MINUTES, "Minuten", "Minutes") \
	M(CL_AMOUNT, "Bedrag", "Amount") \
	M(CL_NOTE, "Notitie", "Note") \
	M(CL_NO_TIME, "Nog geen tijd geschreven.", "No time written yet.") \
	M(CL_TIME_ADD, "Tijd schrijven", "Write time") \
	M(CL_COST_ADD, "Overige kosten invoeren", "Enter another cost") \
	M(CL_KIND, "Soort", "Kind") \
	M(CL_AMOUNT_HINT, "In euro, bijvoorbeeld 4840,00", "In euros, for example 4840.00") \
	M(CL_DESCRIPTION, "Omschrijving", "Description") \
	M(CL_EVALUATION, "Evaluatie", "Evaluation") \
	M(CL_NOT_CLOSED, "De evaluatie volgt na het afsluiten van het incident.", "The evaluation follows once the incident is closed.") \
	M(CL_WINDOW_FMT, "Evaluatievergadering tussen %s en %s (2 tot 6 weken na afsluiten).", \
	  "Evaluation meeting between %s and %s (2 to 6 weeks after closing).") \
	M(CL_MEETING, "Evaluatievergadering", "Evaluation meeting") \
	M(CL_MEETING_AT, "Datum en tijd", "Date and time") \
	M(CL_MEETING_SUBMIT, "Vergadering voorstellen", "Propose the meeting") \
	M(CL_NO_MEETING, "Nog geen vergadering voorgesteld.", "No meeting proposed yet.") \
	M(CL_LESSONS, "Geleerde lessen", "Lessons learned") \
	M(CL_REVIEW, "Hoe verliep het proces?", "How did the process go?") \
	M(CL_QUESTIONS, "Vragen van stap 7", "The questions of step 7") \
	M(CL_EVAL_SUBMIT, "Evaluatie opslaan", "Save the evaluation") \
	M(CL_ACTIONS, "Verbeteracties", "Improvement actions") \
	M(CL_WHAT, "Wat", "What") \
	M(CL_OWNER, "Eigenaar", "Owner") \
	M(CL_DUE, "Uiterlijk", "Due") \
	M(CL_DONE, "Afgerond", "Done") \
	M(CL_MARK_DONE_FMT, "Actie %lld afgerond", "Action %lld done") \
	M(CL_ACTION_ADD, "Actie toevoegen", "Add the action") \
	M(CL_NO_ACTIONS, "Nog geen verbeteracties.", "No improvement actions yet.") \
	M(CL_HOLD, "Bewaren en legal hold", "Retention and legal hold") \
	M(CL_RETAIN_FMT, "Bewaren tot ten minste %s (3 jaar na afsluiten).", "Kept at least until %s (3 years after closing).") \
	M(CL_HELD_FMT, "Onder legal hold sinds %s door %s: ", "Under legal hold since %s by %s: ") \
	M(CL_NOT_HELD, "Geen legal hold.", "No legal hold.") \
	M(CL_REASON, "Reden", "Reason") \
	M(CL_HOLD_SUBMIT, "Legal hold plaatsen", "Place a legal hold") \
	M(CL_RELEASE_SUBMIT, "Legal hold opheffen", "Release the legal hold") \
	M(CL_DOWNLOADS, "Rapport en uitnodiging", "Report and invitation") \
	M(CL_REPORT, "Incidentrapport (HTML, om af te drukken)", "Incident report (HTML, for printing)") \
	M(CL_ICAL, "Uitnodiging evaluatievergadering (iCalendar)", "Evaluation meeting invitation (iCalendar)")

enum mk_msg {
#define MK_MSG_ENUM(id, nl, en) MSG_##id,
	MK_MESSAGES(MK_MSG_ENUM)
#undef MK_MSG_ENUM
	MSG_COUNT
};

/* "en" for "en", otherwise "nl": the value for <html lang>. */
const char *mk_lang(const char *lang);

/* The text of id in lang ("en" gives English; anything else Dutch).
 * Never NULL. */
const char *mk_t(const char *lang, enum mk_msg id);

#endif
