"""Word lists for the demo dataset (invented people; real communes come from the territory data)."""

PRENOMS_F = """Marie Camille Léa Manon Chloé Inès Sarah Emma Julie Laura Claire Sophie Anne Nathalie Isabelle
Sandrine Céline Aurélie Élodie Émilie Hélène Juliette Louise Lucie Margaux Mathilde Noémie Pauline Zoé Agathe
Bérénice Capucine Fatima Amina Yasmina Nadia Samia Leïla Aïcha Mélanie Virginie Valérie Christelle Gaëlle
Josiane Françoise Geneviève Odile Brigitte Martine Solène Maëlle Anaïs Océane Clémence Héloïse""".split()
PRENOMS_M = """Thomas Nicolas Julien Pierre Antoine Maxime Alexandre Hugo Lucas Louis Paul Mathieu Romain
Sébastien Jérôme Laurent Olivier Philippe François Stéphane Christophe Frédéric Benoît Cédric Damien Gaël
Jérémy Loïc Mickaël Yannick Karim Mehdi Youssef Rachid Samir Moussa Mamadou Ibrahima Hervé Gérard Bernard
Jean-Pierre Jean-Marc Bruno Didier Étienne Grégoire Noël Raphaël Théo Adrien Baptiste Quentin""".split()
NOMS = """Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel
Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François
Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément
Gauthier Dumont Lopez Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly
Gautier Roger Roche Roy Noël Meyer Lucas Meunier Jean Pérez Marchand Dufour Blanchard Marie Barbier Brun
Dumas Brunet Schmitt Leroux Colin Fernandez Pierre Renard Arnaud Rolland Caron Aubert Giraud Leclerc Vidal
Bourgeois Renaud Lemoine Picard Gaillard Philippe Leclercq Lacroix Fabre Dupuis Olivier Rodriguez Da Silva
Hubert Louis Charles Guillot Rivière Le Gall Guillaume Adam Rey Moulin Gonçalves Caillot Bourgogne Vernier
Jacquot Mougeot Perreau Chauvet Prost Bouchard Benali Haddad Diallo Traoré Kaya Öztürk Ferreira""".split()
SITUATIONS = ["demandeur_emploi", "rsa", "salarie", "independant", "etudiant", "retraite", "benevole", "autre"]
PRESCRIPTEURS = ["France Travail", "Mission locale", "Mairie", "BGE", "Initiative Côte-d'Or", "CRESS BFC",
                 "Réseau des Ressourceries", "Bouche-à-oreille", "Site internet", "Conseil départemental",
                 "Chambre régionale de l'ESS", "Dijon Métropole", "Centre social"]
RUES = ["rue de la République", "rue Victor Hugo", "avenue Jean Jaurès", "rue Pasteur", "place de la Mairie",
        "rue de l'Église", "chemin des Vignes", "rue du Lavoir", "Grande Rue", "rue des Écoles",
        "allée des Tilleuls", "rue du Moulin", "route de Dijon", "rue Jules Ferry", "impasse des Prés",
        "boulevard de la Libération", "rue Berbisey", "rue du Château", "place du Marché", "rue de la Gare"]

STRUCT_KINDS = [
    ("Association", "9220", "{} — association d'éducation populaire"),
    ("Ressourcerie", "9220", "Ressourcerie {}"),
    ("Épicerie solidaire", "9220", "Épicerie solidaire {}"),
    ("SCIC", "5560", "SCIC {}"),
    ("SCOP", "5458", "SCOP {}"),
    ("Jardin partagé", "9220", "Les Jardins {}"),
    ("Tiers-lieu", "9220", "Tiers-lieu {}"),
    ("Café associatif", "9220", "Café associatif {}"),
    ("Chantier d'insertion", "9220", "Chantier d'insertion {}"),
    ("Garage solidaire", "9220", "Garage solidaire {}"),
    ("Recyclerie", "9220", "La Recyclerie {}"),
    ("Crèche parentale", "9220", "Crèche parentale {}"),
]
STRUCT_WORDS = ["du Val de Saône", "de l'Auxois", "des Hautes-Côtes", "du Morvan", "des Grésilles",
                "de la Fontaine d'Ouche", "du Châtillonnais", "de la Plaine", "Saint-Martin", "L'Étincelle",
                "Le Petit Pont", "La Clé des Champs", "Les Colibris", "Terre & Liens", "L'Escale", "Le Grenier",
                "La Fabrique", "Bourgogne Solidaire", "Le Relais", "Les Tisserands", "Bocage", "La Ruche",
                "Les Amis du Lavoir", "Vélo Cité", "Au Fil de l'Ouche", "Entre-Deux", "Le Chaudron", "L'Arbre à Pain"]
NAF = ["88.99B", "94.99Z", "47.79Z", "38.32Z", "56.10A", "85.59A", "93.29Z", "81.30Z", "45.20A", "88.91A"]

TITRES = {
    "puls_actions": ["Création d'une ressourcerie", "Ouverture d'un café associatif", "Reprise d'une épicerie de village",
                     "Création d'un tiers-lieu rural", "Jardin maraîcher d'insertion", "Atelier vélo solidaire",
                     "Création d'une coopérative de services à domicile", "Habitat partagé intergénérationnel"],
    "dla": ["Consolidation du modèle économique", "Structuration de la gouvernance", "Diversification des ressources",
            "Accompagnement à la fonction employeur", "Stratégie de développement à trois ans",
            "Mutualisation avec des structures voisines"],
    "generateur_bfc": ["Maintien d'un commerce de proximité", "Étude d'une cuisine centrale locale",
                       "Revitalisation du centre-bourg", "Création d'une conciergerie rurale",
                       "Filière bois local", "Reprise d'une boulangerie communale"],
    "crdva": ["Question sur les statuts associatifs", "Demande d'emploi associatif", "Orientation vers un financement",
              "Obligations comptables d'une association", "Création d'une association sportive",
              "Accueil de bénévoles et assurance"],
    "graines_actions": ["Campagne pour un fournil associatif", "Collecte pour un jardin pédagogique",
                        "Financement d'un camion-épicerie", "Collecte pour une recyclerie de jouets",
                        "Rénovation d'un lavoir en lieu culturel"],
}
OBJETS = ["Point d'étape sur le projet", "Présentation du modèle économique", "Relecture des statuts",
          "Préparation du dossier de financement", "Diagnostic de la structure", "Bilan de la campagne",
          "Recherche de locaux", "Préparation de l'assemblée générale", "Plan de trésorerie",
          "Rencontre avec la mairie", "Présentation du dispositif", "Suivi à six mois"]
NOTES = [
    "Le collectif a avancé sur l'étude de marché : une vingtaine d'entretiens ont été menés auprès des habitants.",
    "Les porteurs hésitent encore entre le statut associatif et la SCIC ; nous avons comparé les deux options.",
    "Le budget prévisionnel reste fragile : les subventions représentent près de 60 % des ressources.",
    "La mairie est prête à mettre à disposition un local de 80 m² pour un loyer modéré.",
    "Point sur la gouvernance : le bureau souhaite associer davantage les bénévoles aux décisions.",
    "Le plan de trésorerie fait apparaître un besoin de 15 000 € au démarrage.",
    "La campagne de financement participatif a atteint 70 % de son objectif à mi-parcours.",
    "Échange sur la fonction employeur : la structure envisage de recruter un·e coordinateur·rice.",
    "Nous avons relu ensemble le projet de statuts ; quelques articles sont à reprendre.",
    "Les partenaires locaux (CCAS, centre social) soutiennent le projet et pourraient orienter du public.",
    "La question de l'assurance des bénévoles a été abordée ; un contact a été transmis.",
    "Le diagnostic partagé met en évidence une forte dépendance à un seul financeur.",
]
DECISIONS = ["Finaliser le budget prévisionnel avant le prochain rendez-vous.",
             "Contacter la banque coopérative pour un prêt d'honneur.",
             "Organiser une réunion publique d'information.", "Déposer la demande de subvention FDVA.",
             "Rédiger la fiche de poste du futur salarié.", "Préparer la page de la campagne de collecte."]
ACTIONS = ["Envoyer le modèle de statuts", "Transmettre le budget prévisionnel", "Prendre rendez-vous avec la banque",
           "Contacter la CRESS", "Relancer la mairie pour le local", "Compléter le dossier FDVA",
           "Préparer le plan de trésorerie", "Envoyer la convention signée", "Réserver la salle pour l'AG",
           "Mettre à jour le plan de financement"]
THEMES_ATELIERS = ["Créer son association", "Financer son projet associatif", "La fonction employeur",
                   "Le financement participatif", "Gouvernance et vie associative", "Comptabilité associative",
                   "Les SCIC et SCOP", "Mobiliser des bénévoles"]
ACCOMPAGNATEURS = [("Claire", "Moreau"), ("Julien", "Bertin"), ("Samia", "Haddad"), ("Vincent", "Lenoir"),
                   ("Élise", "Fournier"), ("Thomas", "Prévost")]
