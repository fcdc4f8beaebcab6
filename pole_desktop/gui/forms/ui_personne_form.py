# Generated from ui/personne_form.ui by pyside6-uic — do not edit; run scripts/compile_forms.py.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QGridLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_PersonneForm(object):
    def setupUi(self, PersonneForm):
        if not PersonneForm.objectName():
            PersonneForm.setObjectName(u"PersonneForm")
        PersonneForm.resize(900, 620)
        self.mainLayout = QVBoxLayout(PersonneForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.banner = QLabel(PersonneForm)
        self.banner.setObjectName(u"banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.RichText)

        self.mainLayout.addWidget(self.banner)

        self.columns = QHBoxLayout()
        self.columns.setObjectName(u"columns")
        self.vboxLayout = QVBoxLayout()
        self.vboxLayout.setObjectName(u"vboxLayout")
        self.grpIdentite = QGroupBox(PersonneForm)
        self.grpIdentite.setObjectName(u"grpIdentite")
        self.grid_grpIdentite = QGridLayout(self.grpIdentite)
        self.grid_grpIdentite.setObjectName(u"grid_grpIdentite")
        self.grid_grpIdentite.setVerticalSpacing(2)
        self.lbl_civilite = QLabel(self.grpIdentite)
        self.lbl_civilite.setObjectName(u"lbl_civilite")

        self.grid_grpIdentite.addWidget(self.lbl_civilite, 0, 0, 1, 1)

        self.civilite = QComboBox(self.grpIdentite)
        self.civilite.setObjectName(u"civilite")

        self.grid_grpIdentite.addWidget(self.civilite, 0, 1, 1, 1)

        self.err_civilite = QLabel(self.grpIdentite)
        self.err_civilite.setObjectName(u"err_civilite")
        self.err_civilite.setWordWrap(True)

        self.grid_grpIdentite.addWidget(self.err_civilite, 1, 1, 1, 1)

        self.lbl_nom = QLabel(self.grpIdentite)
        self.lbl_nom.setObjectName(u"lbl_nom")

        self.grid_grpIdentite.addWidget(self.lbl_nom, 2, 0, 1, 1)

        self.nom = QLineEdit(self.grpIdentite)
        self.nom.setObjectName(u"nom")

        self.grid_grpIdentite.addWidget(self.nom, 2, 1, 1, 1)

        self.err_nom = QLabel(self.grpIdentite)
        self.err_nom.setObjectName(u"err_nom")
        self.err_nom.setWordWrap(True)

        self.grid_grpIdentite.addWidget(self.err_nom, 3, 1, 1, 1)

        self.lbl_prenom = QLabel(self.grpIdentite)
        self.lbl_prenom.setObjectName(u"lbl_prenom")

        self.grid_grpIdentite.addWidget(self.lbl_prenom, 4, 0, 1, 1)

        self.prenom = QLineEdit(self.grpIdentite)
        self.prenom.setObjectName(u"prenom")

        self.grid_grpIdentite.addWidget(self.prenom, 4, 1, 1, 1)

        self.err_prenom = QLabel(self.grpIdentite)
        self.err_prenom.setObjectName(u"err_prenom")
        self.err_prenom.setWordWrap(True)

        self.grid_grpIdentite.addWidget(self.err_prenom, 5, 1, 1, 1)

        self.lbl_sexe = QLabel(self.grpIdentite)
        self.lbl_sexe.setObjectName(u"lbl_sexe")

        self.grid_grpIdentite.addWidget(self.lbl_sexe, 6, 0, 1, 1)

        self.sexe = QComboBox(self.grpIdentite)
        self.sexe.setObjectName(u"sexe")

        self.grid_grpIdentite.addWidget(self.sexe, 6, 1, 1, 1)

        self.err_sexe = QLabel(self.grpIdentite)
        self.err_sexe.setObjectName(u"err_sexe")
        self.err_sexe.setWordWrap(True)

        self.grid_grpIdentite.addWidget(self.err_sexe, 7, 1, 1, 1)

        self.lbl_annee_naissance = QLabel(self.grpIdentite)
        self.lbl_annee_naissance.setObjectName(u"lbl_annee_naissance")

        self.grid_grpIdentite.addWidget(self.lbl_annee_naissance, 8, 0, 1, 1)

        self.annee_naissance = QLineEdit(self.grpIdentite)
        self.annee_naissance.setObjectName(u"annee_naissance")

        self.grid_grpIdentite.addWidget(self.annee_naissance, 8, 1, 1, 1)

        self.err_annee_naissance = QLabel(self.grpIdentite)
        self.err_annee_naissance.setObjectName(u"err_annee_naissance")
        self.err_annee_naissance.setWordWrap(True)

        self.grid_grpIdentite.addWidget(self.err_annee_naissance, 9, 1, 1, 1)


        self.vboxLayout.addWidget(self.grpIdentite)

        self.grpContact = QGroupBox(PersonneForm)
        self.grpContact.setObjectName(u"grpContact")
        self.grid_grpContact = QGridLayout(self.grpContact)
        self.grid_grpContact.setObjectName(u"grid_grpContact")
        self.grid_grpContact.setVerticalSpacing(2)
        self.lbl_telephone = QLabel(self.grpContact)
        self.lbl_telephone.setObjectName(u"lbl_telephone")

        self.grid_grpContact.addWidget(self.lbl_telephone, 0, 0, 1, 1)

        self.telephone = QLineEdit(self.grpContact)
        self.telephone.setObjectName(u"telephone")

        self.grid_grpContact.addWidget(self.telephone, 0, 1, 1, 1)

        self.err_telephone = QLabel(self.grpContact)
        self.err_telephone.setObjectName(u"err_telephone")
        self.err_telephone.setWordWrap(True)

        self.grid_grpContact.addWidget(self.err_telephone, 1, 1, 1, 1)

        self.lbl_email = QLabel(self.grpContact)
        self.lbl_email.setObjectName(u"lbl_email")

        self.grid_grpContact.addWidget(self.lbl_email, 2, 0, 1, 1)

        self.email = QLineEdit(self.grpContact)
        self.email.setObjectName(u"email")

        self.grid_grpContact.addWidget(self.email, 2, 1, 1, 1)

        self.err_email = QLabel(self.grpContact)
        self.err_email.setObjectName(u"err_email")
        self.err_email.setWordWrap(True)

        self.grid_grpContact.addWidget(self.err_email, 3, 1, 1, 1)


        self.vboxLayout.addWidget(self.grpContact)

        self.sp_0 = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.vboxLayout.addItem(self.sp_0)


        self.columns.addLayout(self.vboxLayout)

        self.vboxLayout1 = QVBoxLayout()
        self.vboxLayout1.setObjectName(u"vboxLayout1")
        self.grpAdresse = QGroupBox(PersonneForm)
        self.grpAdresse.setObjectName(u"grpAdresse")
        self.grid_grpAdresse = QGridLayout(self.grpAdresse)
        self.grid_grpAdresse.setObjectName(u"grid_grpAdresse")
        self.grid_grpAdresse.setVerticalSpacing(2)
        self.lbl_adresse = QLabel(self.grpAdresse)
        self.lbl_adresse.setObjectName(u"lbl_adresse")

        self.grid_grpAdresse.addWidget(self.lbl_adresse, 0, 0, 1, 1)

        self.adresse = QLineEdit(self.grpAdresse)
        self.adresse.setObjectName(u"adresse")

        self.grid_grpAdresse.addWidget(self.adresse, 0, 1, 1, 1)

        self.err_adresse = QLabel(self.grpAdresse)
        self.err_adresse.setObjectName(u"err_adresse")
        self.err_adresse.setWordWrap(True)

        self.grid_grpAdresse.addWidget(self.err_adresse, 1, 1, 1, 1)

        self.lbl_commune_insee = QLabel(self.grpAdresse)
        self.lbl_commune_insee.setObjectName(u"lbl_commune_insee")

        self.grid_grpAdresse.addWidget(self.lbl_commune_insee, 2, 0, 1, 1)

        self.commune_insee = QLineEdit(self.grpAdresse)
        self.commune_insee.setObjectName(u"commune_insee")

        self.grid_grpAdresse.addWidget(self.commune_insee, 2, 1, 1, 1)

        self.err_commune_insee = QLabel(self.grpAdresse)
        self.err_commune_insee.setObjectName(u"err_commune_insee")
        self.err_commune_insee.setWordWrap(True)

        self.grid_grpAdresse.addWidget(self.err_commune_insee, 3, 1, 1, 1)

        self.lbl_code_postal = QLabel(self.grpAdresse)
        self.lbl_code_postal.setObjectName(u"lbl_code_postal")

        self.grid_grpAdresse.addWidget(self.lbl_code_postal, 4, 0, 1, 1)

        self.code_postal = QLineEdit(self.grpAdresse)
        self.code_postal.setObjectName(u"code_postal")

        self.grid_grpAdresse.addWidget(self.code_postal, 4, 1, 1, 1)

        self.err_code_postal = QLabel(self.grpAdresse)
        self.err_code_postal.setObjectName(u"err_code_postal")
        self.err_code_postal.setWordWrap(True)

        self.grid_grpAdresse.addWidget(self.err_code_postal, 5, 1, 1, 1)

        self.lbl_qpv_code = QLabel(self.grpAdresse)
        self.lbl_qpv_code.setObjectName(u"lbl_qpv_code")

        self.grid_grpAdresse.addWidget(self.lbl_qpv_code, 6, 0, 1, 1)

        self.qpv_code = QComboBox(self.grpAdresse)
        self.qpv_code.setObjectName(u"qpv_code")

        self.grid_grpAdresse.addWidget(self.qpv_code, 6, 1, 1, 1)

        self.err_qpv_code = QLabel(self.grpAdresse)
        self.err_qpv_code.setObjectName(u"err_qpv_code")
        self.err_qpv_code.setWordWrap(True)

        self.grid_grpAdresse.addWidget(self.err_qpv_code, 7, 1, 1, 1)


        self.vboxLayout1.addWidget(self.grpAdresse)

        self.grpSituation = QGroupBox(PersonneForm)
        self.grpSituation.setObjectName(u"grpSituation")
        self.grid_grpSituation = QGridLayout(self.grpSituation)
        self.grid_grpSituation.setObjectName(u"grid_grpSituation")
        self.grid_grpSituation.setVerticalSpacing(2)
        self.lbl_situation = QLabel(self.grpSituation)
        self.lbl_situation.setObjectName(u"lbl_situation")

        self.grid_grpSituation.addWidget(self.lbl_situation, 0, 0, 1, 1)

        self.situation = QComboBox(self.grpSituation)
        self.situation.setObjectName(u"situation")

        self.grid_grpSituation.addWidget(self.situation, 0, 1, 1, 1)

        self.err_situation = QLabel(self.grpSituation)
        self.err_situation.setObjectName(u"err_situation")
        self.err_situation.setWordWrap(True)

        self.grid_grpSituation.addWidget(self.err_situation, 1, 1, 1, 1)

        self.lbl_prescripteur = QLabel(self.grpSituation)
        self.lbl_prescripteur.setObjectName(u"lbl_prescripteur")

        self.grid_grpSituation.addWidget(self.lbl_prescripteur, 2, 0, 1, 1)

        self.prescripteur = QLineEdit(self.grpSituation)
        self.prescripteur.setObjectName(u"prescripteur")

        self.grid_grpSituation.addWidget(self.prescripteur, 2, 1, 1, 1)

        self.err_prescripteur = QLabel(self.grpSituation)
        self.err_prescripteur.setObjectName(u"err_prescripteur")
        self.err_prescripteur.setWordWrap(True)

        self.grid_grpSituation.addWidget(self.err_prescripteur, 3, 1, 1, 1)

        self.lbl_consentement_date = QLabel(self.grpSituation)
        self.lbl_consentement_date.setObjectName(u"lbl_consentement_date")

        self.grid_grpSituation.addWidget(self.lbl_consentement_date, 4, 0, 1, 1)

        self.consentement_date = QLineEdit(self.grpSituation)
        self.consentement_date.setObjectName(u"consentement_date")

        self.grid_grpSituation.addWidget(self.consentement_date, 4, 1, 1, 1)

        self.err_consentement_date = QLabel(self.grpSituation)
        self.err_consentement_date.setObjectName(u"err_consentement_date")
        self.err_consentement_date.setWordWrap(True)

        self.grid_grpSituation.addWidget(self.err_consentement_date, 5, 1, 1, 1)

        self.lbl_consentement_portee = QLabel(self.grpSituation)
        self.lbl_consentement_portee.setObjectName(u"lbl_consentement_portee")

        self.grid_grpSituation.addWidget(self.lbl_consentement_portee, 6, 0, 1, 1)

        self.consentement_portee = QLineEdit(self.grpSituation)
        self.consentement_portee.setObjectName(u"consentement_portee")

        self.grid_grpSituation.addWidget(self.consentement_portee, 6, 1, 1, 1)

        self.err_consentement_portee = QLabel(self.grpSituation)
        self.err_consentement_portee.setObjectName(u"err_consentement_portee")
        self.err_consentement_portee.setWordWrap(True)

        self.grid_grpSituation.addWidget(self.err_consentement_portee, 7, 1, 1, 1)

        self.lbl_consentement_moyen = QLabel(self.grpSituation)
        self.lbl_consentement_moyen.setObjectName(u"lbl_consentement_moyen")

        self.grid_grpSituation.addWidget(self.lbl_consentement_moyen, 8, 0, 1, 1)

        self.consentement_moyen = QLineEdit(self.grpSituation)
        self.consentement_moyen.setObjectName(u"consentement_moyen")

        self.grid_grpSituation.addWidget(self.consentement_moyen, 8, 1, 1, 1)

        self.err_consentement_moyen = QLabel(self.grpSituation)
        self.err_consentement_moyen.setObjectName(u"err_consentement_moyen")
        self.err_consentement_moyen.setWordWrap(True)

        self.grid_grpSituation.addWidget(self.err_consentement_moyen, 9, 1, 1, 1)


        self.vboxLayout1.addWidget(self.grpSituation)

        self.sp_1 = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.vboxLayout1.addItem(self.sp_1)


        self.columns.addLayout(self.vboxLayout1)


        self.mainLayout.addLayout(self.columns)

        self.grpNotes = QGroupBox(PersonneForm)
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

        self.buttonBox = QDialogButtonBox(PersonneForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.lbl_civilite.setBuddy(self.civilite)
        self.lbl_nom.setBuddy(self.nom)
        self.lbl_prenom.setBuddy(self.prenom)
        self.lbl_sexe.setBuddy(self.sexe)
        self.lbl_annee_naissance.setBuddy(self.annee_naissance)
        self.lbl_telephone.setBuddy(self.telephone)
        self.lbl_email.setBuddy(self.email)
        self.lbl_adresse.setBuddy(self.adresse)
        self.lbl_commune_insee.setBuddy(self.commune_insee)
        self.lbl_code_postal.setBuddy(self.code_postal)
        self.lbl_qpv_code.setBuddy(self.qpv_code)
        self.lbl_situation.setBuddy(self.situation)
        self.lbl_prescripteur.setBuddy(self.prescripteur)
        self.lbl_consentement_date.setBuddy(self.consentement_date)
        self.lbl_consentement_portee.setBuddy(self.consentement_portee)
        self.lbl_consentement_moyen.setBuddy(self.consentement_moyen)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.civilite, self.nom)
        QWidget.setTabOrder(self.nom, self.prenom)
        QWidget.setTabOrder(self.prenom, self.sexe)
        QWidget.setTabOrder(self.sexe, self.annee_naissance)
        QWidget.setTabOrder(self.annee_naissance, self.telephone)
        QWidget.setTabOrder(self.telephone, self.email)
        QWidget.setTabOrder(self.email, self.adresse)
        QWidget.setTabOrder(self.adresse, self.commune_insee)
        QWidget.setTabOrder(self.commune_insee, self.code_postal)
        QWidget.setTabOrder(self.code_postal, self.qpv_code)
        QWidget.setTabOrder(self.qpv_code, self.situation)
        QWidget.setTabOrder(self.situation, self.prescripteur)
        QWidget.setTabOrder(self.prescripteur, self.consentement_date)
        QWidget.setTabOrder(self.consentement_date, self.consentement_portee)
        QWidget.setTabOrder(self.consentement_portee, self.consentement_moyen)
        QWidget.setTabOrder(self.consentement_moyen, self.notes)

        self.retranslateUi(PersonneForm)
    # setupUi

    def retranslateUi(self, PersonneForm):
        PersonneForm.setWindowTitle(QCoreApplication.translate("PersonneForm", u"Personne", None))
        self.banner.setText("")
        self.banner.setStyleSheet(QCoreApplication.translate("PersonneForm", u"background: #fff4e5; border: 1px solid #f0b35a; padding: 6px;", None))
        self.grpIdentite.setTitle(QCoreApplication.translate("PersonneForm", u"Identit\u00e9", None))
        self.lbl_civilite.setText(QCoreApplication.translate("PersonneForm", u"Civilit\u00e9 :", None))
#if QT_CONFIG(accessibility)
        self.civilite.setAccessibleName(QCoreApplication.translate("PersonneForm", u"Civilit\u00e9", None))
#endif // QT_CONFIG(accessibility)
        self.err_civilite.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_civilite.setText("")
        self.lbl_nom.setText(QCoreApplication.translate("PersonneForm", u"Nom :", None))
#if QT_CONFIG(accessibility)
        self.nom.setAccessibleName(QCoreApplication.translate("PersonneForm", u"Nom", None))
#endif // QT_CONFIG(accessibility)
        self.err_nom.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_nom.setText("")
        self.lbl_prenom.setText(QCoreApplication.translate("PersonneForm", u"Pr\u00e9nom :", None))
#if QT_CONFIG(accessibility)
        self.prenom.setAccessibleName(QCoreApplication.translate("PersonneForm", u"Pr\u00e9nom", None))
#endif // QT_CONFIG(accessibility)
        self.err_prenom.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_prenom.setText("")
        self.lbl_sexe.setText(QCoreApplication.translate("PersonneForm", u"Sexe :", None))
#if QT_CONFIG(accessibility)
        self.sexe.setAccessibleName(QCoreApplication.translate("PersonneForm", u"Sexe", None))
#endif // QT_CONFIG(accessibility)
        self.err_sexe.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_sexe.setText("")
        self.lbl_annee_naissance.setText(QCoreApplication.translate("PersonneForm", u"Ann\u00e9e de naissance :", None))
#if QT_CONFIG(accessibility)
        self.annee_naissance.setAccessibleName(QCoreApplication.translate("PersonneForm", u"Ann\u00e9e de naissance", None))
#endif // QT_CONFIG(accessibility)
        self.annee_naissance.setPlaceholderText(QCoreApplication.translate("PersonneForm", u"ex. 1985", None))
        self.err_annee_naissance.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_annee_naissance.setText("")
        self.grpContact.setTitle(QCoreApplication.translate("PersonneForm", u"Contact", None))
        self.lbl_telephone.setText(QCoreApplication.translate("PersonneForm", u"T\u00e9l\u00e9phone :", None))
#if QT_CONFIG(accessibility)
        self.telephone.setAccessibleName(QCoreApplication.translate("PersonneForm", u"T\u00e9l\u00e9phone", None))
#endif // QT_CONFIG(accessibility)
        self.telephone.setPlaceholderText(QCoreApplication.translate("PersonneForm", u"03 80 50 90 47", None))
        self.err_telephone.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_telephone.setText("")
        self.lbl_email.setText(QCoreApplication.translate("PersonneForm", u"E-mail :", None))
#if QT_CONFIG(accessibility)
        self.email.setAccessibleName(QCoreApplication.translate("PersonneForm", u"E-mail", None))
#endif // QT_CONFIG(accessibility)
        self.email.setPlaceholderText(QCoreApplication.translate("PersonneForm", u"prenom.nom@exemple.fr", None))
        self.err_email.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_email.setText("")
        self.grpAdresse.setTitle(QCoreApplication.translate("PersonneForm", u"Adresse", None))
        self.lbl_adresse.setText(QCoreApplication.translate("PersonneForm", u"Adresse :", None))
#if QT_CONFIG(accessibility)
        self.adresse.setAccessibleName(QCoreApplication.translate("PersonneForm", u"Adresse", None))
#endif // QT_CONFIG(accessibility)
        self.err_adresse.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_adresse.setText("")
        self.lbl_commune_insee.setText(QCoreApplication.translate("PersonneForm", u"Commune :", None))
#if QT_CONFIG(accessibility)
        self.commune_insee.setAccessibleName(QCoreApplication.translate("PersonneForm", u"Commune", None))
#endif // QT_CONFIG(accessibility)
        self.commune_insee.setPlaceholderText(QCoreApplication.translate("PersonneForm", u"Tapez le nom de la commune", None))
        self.err_commune_insee.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_commune_insee.setText("")
        self.lbl_code_postal.setText(QCoreApplication.translate("PersonneForm", u"Code postal :", None))
#if QT_CONFIG(accessibility)
        self.code_postal.setAccessibleName(QCoreApplication.translate("PersonneForm", u"Code postal", None))
#endif // QT_CONFIG(accessibility)
        self.code_postal.setPlaceholderText(QCoreApplication.translate("PersonneForm", u"21000", None))
        self.err_code_postal.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_code_postal.setText("")
        self.lbl_qpv_code.setText(QCoreApplication.translate("PersonneForm", u"QPV :", None))
#if QT_CONFIG(accessibility)
        self.qpv_code.setAccessibleName(QCoreApplication.translate("PersonneForm", u"QPV", None))
#endif // QT_CONFIG(accessibility)
        self.err_qpv_code.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_qpv_code.setText("")
        self.grpSituation.setTitle(QCoreApplication.translate("PersonneForm", u"Situation et consentement", None))
        self.lbl_situation.setText(QCoreApplication.translate("PersonneForm", u"Situation :", None))
#if QT_CONFIG(accessibility)
        self.situation.setAccessibleName(QCoreApplication.translate("PersonneForm", u"Situation", None))
#endif // QT_CONFIG(accessibility)
        self.err_situation.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_situation.setText("")
        self.lbl_prescripteur.setText(QCoreApplication.translate("PersonneForm", u"Prescripteur :", None))
#if QT_CONFIG(accessibility)
        self.prescripteur.setAccessibleName(QCoreApplication.translate("PersonneForm", u"Prescripteur", None))
#endif // QT_CONFIG(accessibility)
        self.prescripteur.setPlaceholderText(QCoreApplication.translate("PersonneForm", u"Qui l'a orient\u00e9\u00b7e vers nous", None))
        self.err_prescripteur.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_prescripteur.setText("")
        self.lbl_consentement_date.setText(QCoreApplication.translate("PersonneForm", u"Consentement le :", None))
#if QT_CONFIG(accessibility)
        self.consentement_date.setAccessibleName(QCoreApplication.translate("PersonneForm", u"Consentement le", None))
#endif // QT_CONFIG(accessibility)
        self.consentement_date.setPlaceholderText(QCoreApplication.translate("PersonneForm", u"JJ/MM/AAAA", None))
        self.err_consentement_date.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_consentement_date.setText("")
        self.lbl_consentement_portee.setText(QCoreApplication.translate("PersonneForm", u"Port\u00e9e :", None))
#if QT_CONFIG(accessibility)
        self.consentement_portee.setAccessibleName(QCoreApplication.translate("PersonneForm", u"Port\u00e9e", None))
#endif // QT_CONFIG(accessibility)
        self.consentement_portee.setPlaceholderText(QCoreApplication.translate("PersonneForm", u"ex. suivi du dossier, statistiques", None))
        self.err_consentement_portee.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_consentement_portee.setText("")
        self.lbl_consentement_moyen.setText(QCoreApplication.translate("PersonneForm", u"Recueilli par :", None))
#if QT_CONFIG(accessibility)
        self.consentement_moyen.setAccessibleName(QCoreApplication.translate("PersonneForm", u"Recueilli par", None))
#endif // QT_CONFIG(accessibility)
        self.consentement_moyen.setPlaceholderText(QCoreApplication.translate("PersonneForm", u"ex. formulaire sign\u00e9", None))
        self.err_consentement_moyen.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_consentement_moyen.setText("")
        self.grpNotes.setTitle(QCoreApplication.translate("PersonneForm", u"Notes", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("PersonneForm", u"Notes", None))
#endif // QT_CONFIG(accessibility)
        self.err_notes.setStyleSheet(QCoreApplication.translate("PersonneForm", u"color: #b00020;", None))
        self.err_notes.setText("")
    # retranslateUi
