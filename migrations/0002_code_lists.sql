-- National code lists used by SISO.
-- User areas: ISTAT survey of municipal social services ("Indagine sugli interventi e i
-- servizi sociali dei comuni singoli o associati"), with the three areas of the INPS
-- social benefits flow (1 families and minors, 2 disability and non-self-sufficiency,
-- 3 poverty and social exclusion). Intervention types follow the structure of the
-- interregional nomenclature of social services (CISIS); inps_code is the code sent in
-- the national flow.

INSERT INTO user_area (code, label_it, label_en, inps_area, sort) VALUES
 ('FAMILY_MINORS',   'Famiglia e minori',                         'Families and minors',                      1, 1),
 ('DISABILITY',      'Disabili',                                  'People with disabilities',                 2, 2),
 ('DEPENDENCIES',    'Dipendenze',                                'Dependencies',                             3, 3),
 ('ELDERLY',         'Anziani',                                   'Elderly',                                  2, 4),
 ('IMMIGRANTS',      'Immigrati, Rom, Sinti e Caminanti',         'Immigrants',                               3, 5),
 ('POVERTY',         'Povertà, disagio adulti e senza dimora',    'Poverty, adult hardship and homelessness', 3, 6),
 ('MULTI_USER',      'Multiutenza',                               'Multi-user',                               3, 7);

INSERT INTO need_category (code, area_code, label_it, label_en, sort) VALUES
 ('FM_PARENTING',        'FAMILY_MINORS', 'Sostegno alla genitorialità',                 'Parenting support', 1),
 ('FM_CHILD_PROTECTION', 'FAMILY_MINORS', 'Tutela del minore',                           'Child protection', 2),
 ('FM_CHILDCARE',        'FAMILY_MINORS', 'Servizi per la prima infanzia',               'Early childhood care', 3),
 ('FM_FAMILY_CONFLICT',  'FAMILY_MINORS', 'Conflittualità familiare e separazioni',      'Family conflict and separation', 4),
 ('FM_SCHOOL',           'FAMILY_MINORS', 'Dispersione e disagio scolastico',            'School hardship', 5),
 ('DI_AUTONOMY',         'DISABILITY',    'Autonomia personale e vita indipendente',     'Personal autonomy and independent living', 10),
 ('DI_HOME_CARE',        'DISABILITY',    'Assistenza domiciliare',                      'Home care', 11),
 ('DI_SCHOOL_SUPPORT',   'DISABILITY',    'Sostegno scolastico ed educativo',            'School and educational support', 12),
 ('DI_WORK_INCLUSION',   'DISABILITY',    'Inserimento lavorativo',                      'Work inclusion', 13),
 ('DI_TRANSPORT',        'DISABILITY',    'Trasporto sociale',                           'Social transport', 14),
 ('DP_ADDICTION',        'DEPENDENCIES',  'Dipendenza da sostanze o gioco',              'Substance or gambling addiction', 20),
 ('DP_REINTEGRATION',    'DEPENDENCIES',  'Reinserimento sociale',                       'Social reintegration', 21),
 ('EL_HOME_CARE',        'ELDERLY',       'Assistenza domiciliare anziani',              'Home care for the elderly', 30),
 ('EL_NON_SELF_SUFF',    'ELDERLY',       'Non autosufficienza',                         'Non-self-sufficiency', 31),
 ('EL_LONELINESS',       'ELDERLY',       'Solitudine e isolamento',                     'Loneliness and isolation', 32),
 ('EL_RESIDENTIAL',      'ELDERLY',       'Inserimento in struttura residenziale',       'Residential care', 33),
 ('IM_INTEGRATION',      'IMMIGRANTS',    'Integrazione e mediazione culturale',         'Integration and cultural mediation', 40),
 ('IM_LEGAL',            'IMMIGRANTS',    'Orientamento su permessi e diritti',          'Residence permits and rights guidance', 41),
 ('PV_INCOME',           'POVERTY',       'Insufficienza di reddito',                    'Insufficient income', 50),
 ('PV_HOUSING',          'POVERTY',       'Disagio abitativo',                           'Housing hardship', 51),
 ('PV_HOMELESS',         'POVERTY',       'Senza dimora',                                'Homelessness', 52),
 ('PV_EMPLOYMENT',       'POVERTY',       'Disoccupazione e inserimento lavorativo',     'Unemployment and job placement', 53),
 ('PV_FOOD',             'POVERTY',       'Bisogni alimentari e beni primari',           'Food and basic goods', 54),
 ('MU_INFORMATION',      'MULTI_USER',    'Informazione e orientamento ai servizi',      'Information and guidance on services', 60),
 ('MU_ADMINISTRATIVE',   'MULTI_USER',    'Pratiche amministrative e agevolazioni',      'Paperwork and benefits applications', 61);

INSERT INTO access_outcome (code, label_it, label_en, sort) VALUES
 ('INFORMATION',     'Informazione',                     'Information',               1),
 ('GUIDANCE',        'Orientamento',                     'Guidance',                  2),
 ('COUNSELLING',     'Consulenza',                       'Counselling',               3),
 ('REFERRAL',        'Invio ad altro servizio',          'Referral',                  4),
 ('CARE_PROPOSAL',   'Proposta di presa in carico',      'Proposal to take into care', 5),
 ('IMMEDIATE_HELP',  'Intervento immediato',             'Immediate help',            6);

INSERT INTO intervention_type (code, area_code, inps_code, label_it, label_en, kind, sort) VALUES
 ('PROFESSIONAL_SOCIAL_SERVICE', 'MULTI_USER',    'A2.01', 'Servizio sociale professionale',                         'Professional social service',           'SERVICE', 1),
 ('CULTURAL_MEDIATION',          'IMMIGRANTS',    'A3.03', 'Servizio di mediazione culturale',                        'Cultural mediation',                    'SERVICE', 2),
 ('FAMILY_MEDIATION',            'FAMILY_MINORS', 'A3.02', 'Servizio di mediazione familiare',                        'Family mediation',                      'SERVICE', 3),
 ('EDUCATIONAL_SUPPORT_MINORS',  'FAMILY_MINORS', 'B2.02', 'Sostegno socio-educativo domiciliare per minori',         'Home educational support for minors',   'SERVICE', 4),
 ('SCHOOL_ASSISTANCE_DISABLED',  'DISABILITY',    'B2.03', 'Sostegno socio-educativo scolastico',                     'School assistance for disabled pupils', 'SERVICE', 5),
 ('HOME_CARE',                   'ELDERLY',       'C1.01', 'Assistenza domiciliare socio-assistenziale',              'Home care',                             'SERVICE', 6),
 ('INTEGRATED_HOME_CARE',        'ELDERLY',       'C1.02', 'Assistenza domiciliare integrata con servizi sanitari',   'Integrated home care with health services', 'SERVICE', 7),
 ('MEALS_ON_WHEELS',             'ELDERLY',       'C1.04', 'Distribuzione pasti e/o lavanderia a domicilio',          'Meals and laundry at home',             'SERVICE', 8),
 ('SOCIAL_TRANSPORT',            'DISABILITY',    'C1.05', 'Trasporto sociale',                                       'Social transport',                      'SERVICE', 9),
 ('TELECARE',                    'ELDERLY',       'C1.06', 'Telesoccorso e teleassistenza',                           'Telecare',                              'SERVICE', 10),
 ('CARE_VOUCHER',                'DISABILITY',    'C2.01', 'Voucher, assegno di cura, buono socio-sanitario',        'Care voucher and allowance',            'VOUCHER', 11),
 ('DAY_CENTRE',                  'DISABILITY',    'D1.01', 'Centri diurni',                                           'Day centres',                           'SERVICE', 12),
 ('RESIDENTIAL_ELDERLY',         'ELDERLY',       'D2.01', 'Strutture residenziali per anziani',                      'Residential care for the elderly',      'RESIDENTIAL', 13),
 ('FAMILY_FOSTER_CARE',          'FAMILY_MINORS', 'B1.04', 'Affidamento familiare',                                   'Family foster care',                    'SERVICE', 14),
 ('COMMUNITY_FOR_MINORS',        'FAMILY_MINORS', 'D2.03', 'Comunità per minori',                                     'Residential community for minors',      'RESIDENTIAL', 15),
 ('ECONOMIC_SUPPORT',            'POVERTY',       'E1.01', 'Contributi economici a integrazione del reddito familiare', 'Income support',                      'CASH', 16),
 ('HOUSING_CONTRIBUTION',        'POVERTY',       'E1.02', 'Contributi economici per alloggio',                       'Housing contribution',                  'CASH', 17),
 ('UTILITY_CONTRIBUTION',        'POVERTY',       'E1.05', 'Contributi per il pagamento di utenze',                   'Utility bills contribution',            'CASH', 18),
 ('FOOD_SUPPORT',                'POVERTY',       'E1.08', 'Buoni spesa o buoni pasto',                               'Food vouchers',                         'VOUCHER', 19),
 ('WORK_GRANT',                  'POVERTY',       'E2.01', 'Borse lavoro e tirocini di inclusione',                   'Work grants and inclusion internships', 'CASH', 20),
 ('NIGHT_SHELTER',               'POVERTY',       'D2.06', 'Dormitori e accoglienza notturna',                        'Night shelters',                        'RESIDENTIAL', 21),
 ('ADDICTION_REINTEGRATION',     'DEPENDENCIES',  'B3.01', 'Interventi per il reinserimento sociale',                 'Social reintegration programmes',       'SERVICE', 22);

INSERT INTO profession (code, label_it, label_en, sort) VALUES
 ('ADMINISTRATIVE',  'Amministrativo',                 'Administrative officer', 1),
 ('SOCIAL_WORKER',   'Assistente sociale',             'Social worker',          2),
 ('EDUCATOR',        'Educatore professionale',        'Professional educator',  3),
 ('PSYCHOLOGIST',    'Psicologo',                      'Psychologist',           4),
 ('CARE_WORKER',     'Operatore socio-sanitario',      'Care worker',            5),
 ('CULTURAL_MEDIATOR','Mediatore culturale',           'Cultural mediator',      6),
 ('COORDINATOR',     'Coordinatore',                   'Coordinator',            7),
 ('ANALYST',         'Analista / statistico',          'Analyst',                8),
 ('DPO',             'Responsabile protezione dati',   'Data protection officer', 9),
 ('IT_ADMIN',        'Amministratore di sistema',      'System administrator',   10);

INSERT INTO funding_source (code, label_it, label_en, sort) VALUES
 ('MUNICIPAL',       'Fondi comunali',                               'Municipal funds',                       1),
 ('FNPS',            'Fondo nazionale politiche sociali',            'National social policy fund',           2),
 ('FNA',             'Fondo per le non autosufficienze',             'Non-self-sufficiency fund',             3),
 ('FONDO_POVERTA',   'Fondo povertà',                                'Poverty fund',                          4),
 ('REGIONAL',        'Fondi regionali',                              'Regional funds',                        5),
 ('EU_FSE',          'Fondo sociale europeo',                        'European Social Fund',                  6),
 ('HEALTH_SERVICE',  'Servizio sanitario regionale',                 'Regional health service',               7),
 ('OTHER',           'Altre fonti',                                  'Other sources',                         8);
