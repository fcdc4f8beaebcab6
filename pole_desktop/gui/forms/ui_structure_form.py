# Generated from ui/structure_form.ui by pyside6-uic — do not edit; run scripts/compile_forms.py.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_StructureForm(object):
    def setupUi(self, StructureForm):
        if not StructureForm.objectName():
            StructureForm.setObjectName(u"StructureForm")
        StructureForm.resize(900, 620)
        self.mainLayout = QVBoxLayout(StructureForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.banner = QLabel(StructureForm)
        self.banner.setObjectName(u"banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.RichText)

        self.mainLayout.addWidget(self.banner)

        self.columns = QHBoxLayout()
        self.columns.setObjectName(u"columns")
        self.vboxLayout = QVBoxLayout()
        self.vboxLayout.setObjectName(u"vboxLayout")
        self.grpIdentification = QGroupBox(StructureForm)
        self.grpIdentification.setObjectName(u"grpIdentification")
        self.grid_grpIdentification = QGridLayout(self.grpIdentification)
        self.grid_grpIdentification.setObjectName(u"grid_grpIdentification")
        self.grid_grpIdentification.setVerticalSpacing(2)
        self.lbl_raison_sociale = QLabel(self.grpIdentification)
        self.lbl_raison_sociale.setObjectName(u"lbl_raison_sociale")

        self.grid_grpIdentification.addWidget(self.lbl_raison_sociale, 0, 0, 1, 1)

        self.raison_sociale = QLineEdit(self.grpIdentification)
        self.raison_sociale.setObjectName(u"raison_sociale")

        self.grid_grpIdentification.addWidget(self.raison_sociale, 0, 1, 1, 1)

        self.err_raison_sociale = QLabel(self.grpIdentification)
        self.err_raison_sociale.setObjectName(u"err_raison_sociale")
        self.err_raison_sociale.setWordWrap(True)

        self.grid_grpIdentification.addWidget(self.err_raison_sociale, 1, 1, 1, 1)

        self.lbl_sigle = QLabel(self.grpIdentification)
        self.lbl_sigle.setObjectName(u"lbl_sigle")

        self.grid_grpIdentification.addWidget(self.lbl_sigle, 2, 0, 1, 1)

        self.sigle = QLineEdit(self.grpIdentification)
        self.sigle.setObjectName(u"sigle")

        self.grid_grpIdentification.addWidget(self.sigle, 2, 1, 1, 1)

        self.err_sigle = QLabel(self.grpIdentification)
        self.err_sigle.setObjectName(u"err_sigle")
        self.err_sigle.setWordWrap(True)

        self.grid_grpIdentification.addWidget(self.err_sigle, 3, 1, 1, 1)

        self.lbl_forme_juridique = QLabel(self.grpIdentification)
        self.lbl_forme_juridique.setObjectName(u"lbl_forme_juridique")

        self.grid_grpIdentification.addWidget(self.lbl_forme_juridique, 4, 0, 1, 1)

        self.forme_juridique = QComboBox(self.grpIdentification)
        self.forme_juridique.setObjectName(u"forme_juridique")
        self.forme_juridique.setEditable(True)

        self.grid_grpIdentification.addWidget(self.forme_juridique, 4, 1, 1, 1)

        self.err_forme_juridique = QLabel(self.grpIdentification)
        self.err_forme_juridique.setObjectName(u"err_forme_juridique")
        self.err_forme_juridique.setWordWrap(True)

        self.grid_grpIdentification.addWidget(self.err_forme_juridique, 5, 1, 1, 1)

        self.lbl_siret = QLabel(self.grpIdentification)
        self.lbl_siret.setObjectName(u"lbl_siret")

        self.grid_grpIdentification.addWidget(self.lbl_siret, 6, 0, 1, 1)

        self.siret = QLineEdit(self.grpIdentification)
        self.siret.setObjectName(u"siret")

        self.grid_grpIdentification.addWidget(self.siret, 6, 1, 1, 1)

        self.err_siret = QLabel(self.grpIdentification)
        self.err_siret.setObjectName(u"err_siret")
        self.err_siret.setWordWrap(True)

        self.grid_grpIdentification.addWidget(self.err_siret, 7, 1, 1, 1)

        self.lbl_rna = QLabel(self.grpIdentification)
        self.lbl_rna.setObjectName(u"lbl_rna")

        self.grid_grpIdentification.addWidget(self.lbl_rna, 8, 0, 1, 1)

        self.rna = QLineEdit(self.grpIdentification)
        self.rna.setObjectName(u"rna")

        self.grid_grpIdentification.addWidget(self.rna, 8, 1, 1, 1)

        self.err_rna = QLabel(self.grpIdentification)
        self.err_rna.setObjectName(u"err_rna")
        self.err_rna.setWordWrap(True)

        self.grid_grpIdentification.addWidget(self.err_rna, 9, 1, 1, 1)

        self.lbl_naf = QLabel(self.grpIdentification)
        self.lbl_naf.setObjectName(u"lbl_naf")

        self.grid_grpIdentification.addWidget(self.lbl_naf, 10, 0, 1, 1)

        self.naf = QLineEdit(self.grpIdentification)
        self.naf.setObjectName(u"naf")

        self.grid_grpIdentification.addWidget(self.naf, 10, 1, 1, 1)

        self.err_naf = QLabel(self.grpIdentification)
        self.err_naf.setObjectName(u"err_naf")
        self.err_naf.setWordWrap(True)

        self.grid_grpIdentification.addWidget(self.err_naf, 11, 1, 1, 1)

        self.naf_libelle = QLabel(self.grpIdentification)
        self.naf_libelle.setObjectName(u"naf_libelle")
        self.naf_libelle.setWordWrap(True)

        self.grid_grpIdentification.addWidget(self.naf_libelle, 12, 1, 1, 1)

        self.lbl_date_creation = QLabel(self.grpIdentification)
        self.lbl_date_creation.setObjectName(u"lbl_date_creation")

        self.grid_grpIdentification.addWidget(self.lbl_date_creation, 13, 0, 1, 1)

        self.date_creation = QLineEdit(self.grpIdentification)
        self.date_creation.setObjectName(u"date_creation")

        self.grid_grpIdentification.addWidget(self.date_creation, 13, 1, 1, 1)

        self.err_date_creation = QLabel(self.grpIdentification)
        self.err_date_creation.setObjectName(u"err_date_creation")
        self.err_date_creation.setWordWrap(True)

        self.grid_grpIdentification.addWidget(self.err_date_creation, 14, 1, 1, 1)

        self.esus = QCheckBox(self.grpIdentification)
        self.esus.setObjectName(u"esus")

        self.grid_grpIdentification.addWidget(self.esus, 15, 1, 1, 1)

        self.err_esus = QLabel(self.grpIdentification)
        self.err_esus.setObjectName(u"err_esus")
        self.err_esus.setWordWrap(True)

        self.grid_grpIdentification.addWidget(self.err_esus, 16, 1, 1, 1)

        self.collectivite = QCheckBox(self.grpIdentification)
        self.collectivite.setObjectName(u"collectivite")

        self.grid_grpIdentification.addWidget(self.collectivite, 17, 1, 1, 1)

        self.err_collectivite = QLabel(self.grpIdentification)
        self.err_collectivite.setObjectName(u"err_collectivite")
        self.err_collectivite.setWordWrap(True)

        self.grid_grpIdentification.addWidget(self.err_collectivite, 18, 1, 1, 1)


        self.vboxLayout.addWidget(self.grpIdentification)

        self.sp_0 = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.vboxLayout.addItem(self.sp_0)


        self.columns.addLayout(self.vboxLayout)

        self.vboxLayout1 = QVBoxLayout()
        self.vboxLayout1.setObjectName(u"vboxLayout1")
        self.grpCoordonnees = QGroupBox(StructureForm)
        self.grpCoordonnees.setObjectName(u"grpCoordonnees")
        self.grid_grpCoordonnees = QGridLayout(self.grpCoordonnees)
        self.grid_grpCoordonnees.setObjectName(u"grid_grpCoordonnees")
        self.grid_grpCoordonnees.setVerticalSpacing(2)
        self.lbl_adresse = QLabel(self.grpCoordonnees)
        self.lbl_adresse.setObjectName(u"lbl_adresse")

        self.grid_grpCoordonnees.addWidget(self.lbl_adresse, 0, 0, 1, 1)

        self.adresse = QLineEdit(self.grpCoordonnees)
        self.adresse.setObjectName(u"adresse")

        self.grid_grpCoordonnees.addWidget(self.adresse, 0, 1, 1, 1)

        self.err_adresse = QLabel(self.grpCoordonnees)
        self.err_adresse.setObjectName(u"err_adresse")
        self.err_adresse.setWordWrap(True)

        self.grid_grpCoordonnees.addWidget(self.err_adresse, 1, 1, 1, 1)

        self.lbl_commune_insee = QLabel(self.grpCoordonnees)
        self.lbl_commune_insee.setObjectName(u"lbl_commune_insee")

        self.grid_grpCoordonnees.addWidget(self.lbl_commune_insee, 2, 0, 1, 1)

        self.commune_insee = QLineEdit(self.grpCoordonnees)
        self.commune_insee.setObjectName(u"commune_insee")

        self.grid_grpCoordonnees.addWidget(self.commune_insee, 2, 1, 1, 1)

        self.err_commune_insee = QLabel(self.grpCoordonnees)
        self.err_commune_insee.setObjectName(u"err_commune_insee")
        self.err_commune_insee.setWordWrap(True)

        self.grid_grpCoordonnees.addWidget(self.err_commune_insee, 3, 1, 1, 1)

        self.lbl_code_postal = QLabel(self.grpCoordonnees)
        self.lbl_code_postal.setObjectName(u"lbl_code_postal")

        self.grid_grpCoordonnees.addWidget(self.lbl_code_postal, 4, 0, 1, 1)

        self.code_postal = QLineEdit(self.grpCoordonnees)
        self.code_postal.setObjectName(u"code_postal")

        self.grid_grpCoordonnees.addWidget(self.code_postal, 4, 1, 1, 1)

        self.err_code_postal = QLabel(self.grpCoordonnees)
        self.err_code_postal.setObjectName(u"err_code_postal")
        self.err_code_postal.setWordWrap(True)

        self.grid_grpCoordonnees.addWidget(self.err_code_postal, 5, 1, 1, 1)

        self.lbl_telephone = QLabel(self.grpCoordonnees)
        self.lbl_telephone.setObjectName(u"lbl_telephone")

        self.grid_grpCoordonnees.addWidget(self.lbl_telephone, 6, 0, 1, 1)

        self.telephone = QLineEdit(self.grpCoordonnees)
        self.telephone.setObjectName(u"telephone")

        self.grid_grpCoordonnees.addWidget(self.telephone, 6, 1, 1, 1)

        self.err_telephone = QLabel(self.grpCoordonnees)
        self.err_telephone.setObjectName(u"err_telephone")
        self.err_telephone.setWordWrap(True)

        self.grid_grpCoordonnees.addWidget(self.err_telephone, 7, 1, 1, 1)

        self.lbl_email = QLabel(self.grpCoordonnees)
        self.lbl_email.setObjectName(u"lbl_email")

        self.grid_grpCoordonnees.addWidget(self.lbl_email, 8, 0, 1, 1)

        self.email = QLineEdit(self.grpCoordonnees)
        self.email.setObjectName(u"email")

        self.grid_grpCoordonnees.addWidget(self.email, 8, 1, 1, 1)

        self.err_email = QLabel(self.grpCoordonnees)
        self.err_email.setObjectName(u"err_email")
        self.err_email.setWordWrap(True)

        self.grid_grpCoordonnees.addWidget(self.err_email, 9, 1, 1, 1)


        self.vboxLayout1.addWidget(self.grpCoordonnees)

        self.grpMoyens = QGroupBox(StructureForm)
        self.grpMoyens.setObjectName(u"grpMoyens")
        self.grid_grpMoyens = QGridLayout(self.grpMoyens)
        self.grid_grpMoyens.setObjectName(u"grid_grpMoyens")
        self.grid_grpMoyens.setVerticalSpacing(2)
        self.lbl_salaries = QLabel(self.grpMoyens)
        self.lbl_salaries.setObjectName(u"lbl_salaries")

        self.grid_grpMoyens.addWidget(self.lbl_salaries, 0, 0, 1, 1)

        self.salaries = QLineEdit(self.grpMoyens)
        self.salaries.setObjectName(u"salaries")

        self.grid_grpMoyens.addWidget(self.salaries, 0, 1, 1, 1)

        self.err_salaries = QLabel(self.grpMoyens)
        self.err_salaries.setObjectName(u"err_salaries")
        self.err_salaries.setWordWrap(True)

        self.grid_grpMoyens.addWidget(self.err_salaries, 1, 1, 1, 1)

        self.lbl_etp = QLabel(self.grpMoyens)
        self.lbl_etp.setObjectName(u"lbl_etp")

        self.grid_grpMoyens.addWidget(self.lbl_etp, 2, 0, 1, 1)

        self.etp = QLineEdit(self.grpMoyens)
        self.etp.setObjectName(u"etp")

        self.grid_grpMoyens.addWidget(self.etp, 2, 1, 1, 1)

        self.err_etp = QLabel(self.grpMoyens)
        self.err_etp.setObjectName(u"err_etp")
        self.err_etp.setWordWrap(True)

        self.grid_grpMoyens.addWidget(self.err_etp, 3, 1, 1, 1)

        self.lbl_benevoles = QLabel(self.grpMoyens)
        self.lbl_benevoles.setObjectName(u"lbl_benevoles")

        self.grid_grpMoyens.addWidget(self.lbl_benevoles, 4, 0, 1, 1)

        self.benevoles = QLineEdit(self.grpMoyens)
        self.benevoles.setObjectName(u"benevoles")

        self.grid_grpMoyens.addWidget(self.benevoles, 4, 1, 1, 1)

        self.err_benevoles = QLabel(self.grpMoyens)
        self.err_benevoles.setObjectName(u"err_benevoles")
        self.err_benevoles.setWordWrap(True)

        self.grid_grpMoyens.addWidget(self.err_benevoles, 5, 1, 1, 1)

        self.lbl_budget = QLabel(self.grpMoyens)
        self.lbl_budget.setObjectName(u"lbl_budget")

        self.grid_grpMoyens.addWidget(self.lbl_budget, 6, 0, 1, 1)

        self.budget = QLineEdit(self.grpMoyens)
        self.budget.setObjectName(u"budget")

        self.grid_grpMoyens.addWidget(self.budget, 6, 1, 1, 1)

        self.err_budget = QLabel(self.grpMoyens)
        self.err_budget.setObjectName(u"err_budget")
        self.err_budget.setWordWrap(True)

        self.grid_grpMoyens.addWidget(self.err_budget, 7, 1, 1, 1)


        self.vboxLayout1.addWidget(self.grpMoyens)

        self.sp_1 = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.vboxLayout1.addItem(self.sp_1)


        self.columns.addLayout(self.vboxLayout1)


        self.mainLayout.addLayout(self.columns)

        self.grpNotes = QGroupBox(StructureForm)
        self.grpNotes.setObjectName(u"grpNotes")
        self.vboxLayout2 = QVBoxLayout(self.grpNotes)
        self.vboxLayout2.setObjectName(u"vboxLayout2")
        self.notes = QPlainTextEdit(self.grpNotes)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumSize(QSize(16777215, 80))

        self.vboxLayout2.addWidget(self.notes)

        self.err_notes = QLabel(self.grpNotes)
        self.err_notes.setObjectName(u"err_notes")

        self.vboxLayout2.addWidget(self.err_notes)


        self.mainLayout.addWidget(self.grpNotes)

        self.buttonBox = QDialogButtonBox(StructureForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.lbl_raison_sociale.setBuddy(self.raison_sociale)
        self.lbl_sigle.setBuddy(self.sigle)
        self.lbl_forme_juridique.setBuddy(self.forme_juridique)
        self.lbl_siret.setBuddy(self.siret)
        self.lbl_rna.setBuddy(self.rna)
        self.lbl_naf.setBuddy(self.naf)
        self.lbl_date_creation.setBuddy(self.date_creation)
        self.lbl_adresse.setBuddy(self.adresse)
        self.lbl_commune_insee.setBuddy(self.commune_insee)
        self.lbl_code_postal.setBuddy(self.code_postal)
        self.lbl_telephone.setBuddy(self.telephone)
        self.lbl_email.setBuddy(self.email)
        self.lbl_salaries.setBuddy(self.salaries)
        self.lbl_etp.setBuddy(self.etp)
        self.lbl_benevoles.setBuddy(self.benevoles)
        self.lbl_budget.setBuddy(self.budget)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.raison_sociale, self.sigle)
        QWidget.setTabOrder(self.sigle, self.forme_juridique)
        QWidget.setTabOrder(self.forme_juridique, self.siret)
        QWidget.setTabOrder(self.siret, self.rna)
        QWidget.setTabOrder(self.rna, self.naf)
        QWidget.setTabOrder(self.naf, self.date_creation)
        QWidget.setTabOrder(self.date_creation, self.esus)
        QWidget.setTabOrder(self.esus, self.collectivite)
        QWidget.setTabOrder(self.collectivite, self.adresse)
        QWidget.setTabOrder(self.adresse, self.commune_insee)
        QWidget.setTabOrder(self.commune_insee, self.code_postal)
        QWidget.setTabOrder(self.code_postal, self.telephone)
        QWidget.setTabOrder(self.telephone, self.email)
        QWidget.setTabOrder(self.email, self.salaries)
        QWidget.setTabOrder(self.salaries, self.etp)
        QWidget.setTabOrder(self.etp, self.benevoles)
        QWidget.setTabOrder(self.benevoles, self.budget)
        QWidget.setTabOrder(self.budget, self.notes)

        self.retranslateUi(StructureForm)
    # setupUi

    def retranslateUi(self, StructureForm):
        StructureForm.setWindowTitle(QCoreApplication.translate("StructureForm", u"Structure", None))
        self.banner.setText("")
        self.banner.setStyleSheet(QCoreApplication.translate("StructureForm", u"background: #fff4e5; border: 1px solid #f0b35a; padding: 6px;", None))
        self.grpIdentification.setTitle(QCoreApplication.translate("StructureForm", u"Identification", None))
        self.lbl_raison_sociale.setText(QCoreApplication.translate("StructureForm", u"Raison sociale :", None))
#if QT_CONFIG(accessibility)
        self.raison_sociale.setAccessibleName(QCoreApplication.translate("StructureForm", u"Raison sociale", None))
#endif // QT_CONFIG(accessibility)
        self.err_raison_sociale.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_raison_sociale.setText("")
        self.lbl_sigle.setText(QCoreApplication.translate("StructureForm", u"Sigle :", None))
#if QT_CONFIG(accessibility)
        self.sigle.setAccessibleName(QCoreApplication.translate("StructureForm", u"Sigle", None))
#endif // QT_CONFIG(accessibility)
        self.err_sigle.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_sigle.setText("")
        self.lbl_forme_juridique.setText(QCoreApplication.translate("StructureForm", u"Forme juridique :", None))
#if QT_CONFIG(accessibility)
        self.forme_juridique.setAccessibleName(QCoreApplication.translate("StructureForm", u"Forme juridique", None))
#endif // QT_CONFIG(accessibility)
        self.err_forme_juridique.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_forme_juridique.setText("")
        self.lbl_siret.setText(QCoreApplication.translate("StructureForm", u"SIRET :", None))
#if QT_CONFIG(accessibility)
        self.siret.setAccessibleName(QCoreApplication.translate("StructureForm", u"SIRET", None))
#endif // QT_CONFIG(accessibility)
        self.siret.setPlaceholderText(QCoreApplication.translate("StructureForm", u"14 chiffres", None))
        self.err_siret.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_siret.setText("")
        self.lbl_rna.setText(QCoreApplication.translate("StructureForm", u"RNA :", None))
#if QT_CONFIG(accessibility)
        self.rna.setAccessibleName(QCoreApplication.translate("StructureForm", u"RNA", None))
#endif // QT_CONFIG(accessibility)
        self.rna.setPlaceholderText(QCoreApplication.translate("StructureForm", u"W + 9 chiffres", None))
        self.err_rna.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_rna.setText("")
        self.lbl_naf.setText(QCoreApplication.translate("StructureForm", u"Code NAF :", None))
#if QT_CONFIG(accessibility)
        self.naf.setAccessibleName(QCoreApplication.translate("StructureForm", u"Code NAF", None))
#endif // QT_CONFIG(accessibility)
        self.naf.setPlaceholderText(QCoreApplication.translate("StructureForm", u"ex. 94.99Z", None))
        self.err_naf.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_naf.setText("")
        self.naf_libelle.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #555;", None))
        self.naf_libelle.setText("")
        self.lbl_date_creation.setText(QCoreApplication.translate("StructureForm", u"Date de cr\u00e9ation :", None))
#if QT_CONFIG(accessibility)
        self.date_creation.setAccessibleName(QCoreApplication.translate("StructureForm", u"Date de cr\u00e9ation", None))
#endif // QT_CONFIG(accessibility)
        self.date_creation.setPlaceholderText(QCoreApplication.translate("StructureForm", u"JJ/MM/AAAA", None))
        self.err_date_creation.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_date_creation.setText("")
#if QT_CONFIG(accessibility)
        self.esus.setAccessibleName(QCoreApplication.translate("StructureForm", u"Agr\u00e9ment ESUS", None))
#endif // QT_CONFIG(accessibility)
        self.esus.setText(QCoreApplication.translate("StructureForm", u"Agr\u00e9ment ESUS", None))
        self.err_esus.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_esus.setText("")
#if QT_CONFIG(accessibility)
        self.collectivite.setAccessibleName(QCoreApplication.translate("StructureForm", u"Collectivit\u00e9 ou EPCI", None))
#endif // QT_CONFIG(accessibility)
        self.collectivite.setText(QCoreApplication.translate("StructureForm", u"Collectivit\u00e9 ou EPCI", None))
        self.err_collectivite.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_collectivite.setText("")
        self.grpCoordonnees.setTitle(QCoreApplication.translate("StructureForm", u"Coordonn\u00e9es", None))
        self.lbl_adresse.setText(QCoreApplication.translate("StructureForm", u"Adresse :", None))
#if QT_CONFIG(accessibility)
        self.adresse.setAccessibleName(QCoreApplication.translate("StructureForm", u"Adresse", None))
#endif // QT_CONFIG(accessibility)
        self.err_adresse.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_adresse.setText("")
        self.lbl_commune_insee.setText(QCoreApplication.translate("StructureForm", u"Commune :", None))
#if QT_CONFIG(accessibility)
        self.commune_insee.setAccessibleName(QCoreApplication.translate("StructureForm", u"Commune", None))
#endif // QT_CONFIG(accessibility)
        self.commune_insee.setPlaceholderText(QCoreApplication.translate("StructureForm", u"Tapez le nom de la commune", None))
        self.err_commune_insee.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_commune_insee.setText("")
        self.lbl_code_postal.setText(QCoreApplication.translate("StructureForm", u"Code postal :", None))
#if QT_CONFIG(accessibility)
        self.code_postal.setAccessibleName(QCoreApplication.translate("StructureForm", u"Code postal", None))
#endif // QT_CONFIG(accessibility)
        self.code_postal.setPlaceholderText(QCoreApplication.translate("StructureForm", u"21000", None))
        self.err_code_postal.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_code_postal.setText("")
        self.lbl_telephone.setText(QCoreApplication.translate("StructureForm", u"T\u00e9l\u00e9phone :", None))
#if QT_CONFIG(accessibility)
        self.telephone.setAccessibleName(QCoreApplication.translate("StructureForm", u"T\u00e9l\u00e9phone", None))
#endif // QT_CONFIG(accessibility)
        self.telephone.setPlaceholderText(QCoreApplication.translate("StructureForm", u"03 80 50 90 47", None))
        self.err_telephone.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_telephone.setText("")
        self.lbl_email.setText(QCoreApplication.translate("StructureForm", u"E-mail :", None))
#if QT_CONFIG(accessibility)
        self.email.setAccessibleName(QCoreApplication.translate("StructureForm", u"E-mail", None))
#endif // QT_CONFIG(accessibility)
        self.email.setPlaceholderText(QCoreApplication.translate("StructureForm", u"contact@exemple.org", None))
        self.err_email.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_email.setText("")
        self.grpMoyens.setTitle(QCoreApplication.translate("StructureForm", u"Moyens", None))
        self.lbl_salaries.setText(QCoreApplication.translate("StructureForm", u"Salari\u00e9s :", None))
#if QT_CONFIG(accessibility)
        self.salaries.setAccessibleName(QCoreApplication.translate("StructureForm", u"Salari\u00e9s", None))
#endif // QT_CONFIG(accessibility)
        self.salaries.setPlaceholderText(QCoreApplication.translate("StructureForm", u"nombre", None))
        self.err_salaries.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_salaries.setText("")
        self.lbl_etp.setText(QCoreApplication.translate("StructureForm", u"ETP :", None))
#if QT_CONFIG(accessibility)
        self.etp.setAccessibleName(QCoreApplication.translate("StructureForm", u"ETP", None))
#endif // QT_CONFIG(accessibility)
        self.etp.setPlaceholderText(QCoreApplication.translate("StructureForm", u"ex. 2,5", None))
        self.err_etp.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_etp.setText("")
        self.lbl_benevoles.setText(QCoreApplication.translate("StructureForm", u"B\u00e9n\u00e9voles :", None))
#if QT_CONFIG(accessibility)
        self.benevoles.setAccessibleName(QCoreApplication.translate("StructureForm", u"B\u00e9n\u00e9voles", None))
#endif // QT_CONFIG(accessibility)
        self.benevoles.setPlaceholderText(QCoreApplication.translate("StructureForm", u"nombre", None))
        self.err_benevoles.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_benevoles.setText("")
        self.lbl_budget.setText(QCoreApplication.translate("StructureForm", u"Budget annuel (\u20ac) :", None))
#if QT_CONFIG(accessibility)
        self.budget.setAccessibleName(QCoreApplication.translate("StructureForm", u"Budget annuel (\u20ac)", None))
#endif // QT_CONFIG(accessibility)
        self.budget.setPlaceholderText(QCoreApplication.translate("StructureForm", u"ex. 12 500,00", None))
        self.err_budget.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_budget.setText("")
        self.grpNotes.setTitle(QCoreApplication.translate("StructureForm", u"Notes", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("StructureForm", u"Notes", None))
#endif // QT_CONFIG(accessibility)
        self.err_notes.setStyleSheet(QCoreApplication.translate("StructureForm", u"color: #b00020;", None))
        self.err_notes.setText("")
    # retranslateUi
