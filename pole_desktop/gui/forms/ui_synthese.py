# Generated from ui/synthese.ui by pyside6-uic — do not edit; run scripts/compile_forms.py.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_SyntheseForm(object):
    def setupUi(self, SyntheseForm):
        if not SyntheseForm.objectName():
            SyntheseForm.setObjectName(u"SyntheseForm")
        SyntheseForm.resize(1000, 620)
        self.mainLayout = QVBoxLayout(SyntheseForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.columns = QHBoxLayout()
        self.columns.setObjectName(u"columns")
        self.projetBox = QGroupBox(SyntheseForm)
        self.projetBox.setObjectName(u"projetBox")
        self.projetForm = QFormLayout(self.projetBox)
        self.projetForm.setObjectName(u"projetForm")
        self.titreLabel = QLabel(self.projetBox)
        self.titreLabel.setObjectName(u"titreLabel")

        self.projetForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.titreLabel)

        self.titreEdit = QLineEdit(self.projetBox)
        self.titreEdit.setObjectName(u"titreEdit")

        self.projetForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.titreEdit)

        self.titreError = QLabel(self.projetBox)
        self.titreError.setObjectName(u"titreError")
        self.titreError.setWordWrap(True)
        self.titreError.setVisible(False)

        self.projetForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.titreError)

        self.typeLabel = QLabel(self.projetBox)
        self.typeLabel.setObjectName(u"typeLabel")

        self.projetForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.typeLabel)

        self.typeCombo = QComboBox(self.projetBox)
        self.typeCombo.setObjectName(u"typeCombo")

        self.projetForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.typeCombo)

        self.typeError = QLabel(self.projetBox)
        self.typeError.setObjectName(u"typeError")
        self.typeError.setWordWrap(True)
        self.typeError.setVisible(False)

        self.projetForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.typeError)

        self.descriptionLabel = QLabel(self.projetBox)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.projetForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.descriptionLabel)

        self.descriptionEdit = QPlainTextEdit(self.projetBox)
        self.descriptionEdit.setObjectName(u"descriptionEdit")
        self.descriptionEdit.setTabChangesFocus(True)
        self.descriptionEdit.setMaximumSize(QSize(16777215, 70))

        self.projetForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.descriptionEdit)

        self.descriptionError = QLabel(self.projetBox)
        self.descriptionError.setObjectName(u"descriptionError")
        self.descriptionError.setWordWrap(True)
        self.descriptionError.setVisible(False)

        self.projetForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.descriptionError)

        self.besoinsLabel = QLabel(self.projetBox)
        self.besoinsLabel.setObjectName(u"besoinsLabel")

        self.projetForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.besoinsLabel)

        self.besoinsEdit = QPlainTextEdit(self.projetBox)
        self.besoinsEdit.setObjectName(u"besoinsEdit")
        self.besoinsEdit.setTabChangesFocus(True)
        self.besoinsEdit.setMaximumSize(QSize(16777215, 70))

        self.projetForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.besoinsEdit)

        self.besoinsError = QLabel(self.projetBox)
        self.besoinsError.setObjectName(u"besoinsError")
        self.besoinsError.setWordWrap(True)
        self.besoinsError.setVisible(False)

        self.projetForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.besoinsError)

        self.objectifsLabel = QLabel(self.projetBox)
        self.objectifsLabel.setObjectName(u"objectifsLabel")

        self.projetForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.objectifsLabel)

        self.objectifsEdit = QPlainTextEdit(self.projetBox)
        self.objectifsEdit.setObjectName(u"objectifsEdit")
        self.objectifsEdit.setTabChangesFocus(True)
        self.objectifsEdit.setMaximumSize(QSize(16777215, 70))

        self.projetForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.objectifsEdit)

        self.objectifsError = QLabel(self.projetBox)
        self.objectifsError.setObjectName(u"objectifsError")
        self.objectifsError.setWordWrap(True)
        self.objectifsError.setVisible(False)

        self.projetForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.objectifsError)

        self.utilite_socialeLabel = QLabel(self.projetBox)
        self.utilite_socialeLabel.setObjectName(u"utilite_socialeLabel")

        self.projetForm.setWidget(10, QFormLayout.ItemRole.LabelRole, self.utilite_socialeLabel)

        self.utiliteEdit = QPlainTextEdit(self.projetBox)
        self.utiliteEdit.setObjectName(u"utiliteEdit")
        self.utiliteEdit.setTabChangesFocus(True)
        self.utiliteEdit.setMaximumSize(QSize(16777215, 70))

        self.projetForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.utiliteEdit)

        self.utilite_socialeError = QLabel(self.projetBox)
        self.utilite_socialeError.setObjectName(u"utilite_socialeError")
        self.utilite_socialeError.setWordWrap(True)
        self.utilite_socialeError.setVisible(False)

        self.projetForm.setWidget(11, QFormLayout.ItemRole.FieldRole, self.utilite_socialeError)

        self.commune_inseeLabel = QLabel(self.projetBox)
        self.commune_inseeLabel.setObjectName(u"commune_inseeLabel")

        self.projetForm.setWidget(12, QFormLayout.ItemRole.LabelRole, self.commune_inseeLabel)

        self.communeEdit = QLineEdit(self.projetBox)
        self.communeEdit.setObjectName(u"communeEdit")

        self.projetForm.setWidget(12, QFormLayout.ItemRole.FieldRole, self.communeEdit)

        self.commune_inseeError = QLabel(self.projetBox)
        self.commune_inseeError.setObjectName(u"commune_inseeError")
        self.commune_inseeError.setWordWrap(True)
        self.commune_inseeError.setVisible(False)

        self.projetForm.setWidget(13, QFormLayout.ItemRole.FieldRole, self.commune_inseeError)

        self.qpv_codeLabel = QLabel(self.projetBox)
        self.qpv_codeLabel.setObjectName(u"qpv_codeLabel")

        self.projetForm.setWidget(14, QFormLayout.ItemRole.LabelRole, self.qpv_codeLabel)

        self.qpvCombo = QComboBox(self.projetBox)
        self.qpvCombo.setObjectName(u"qpvCombo")

        self.projetForm.setWidget(14, QFormLayout.ItemRole.FieldRole, self.qpvCombo)

        self.qpv_codeError = QLabel(self.projetBox)
        self.qpv_codeError.setObjectName(u"qpv_codeError")
        self.qpv_codeError.setWordWrap(True)
        self.qpv_codeError.setVisible(False)

        self.projetForm.setWidget(15, QFormLayout.ItemRole.FieldRole, self.qpv_codeError)

        self.public_specifiqueLabel = QLabel(self.projetBox)
        self.public_specifiqueLabel.setObjectName(u"public_specifiqueLabel")

        self.projetForm.setWidget(16, QFormLayout.ItemRole.LabelRole, self.public_specifiqueLabel)

        self.publicList = QListWidget(self.projetBox)
        self.publicList.setObjectName(u"publicList")
        self.publicList.setMaximumSize(QSize(16777215, 100))

        self.projetForm.setWidget(16, QFormLayout.ItemRole.FieldRole, self.publicList)

        self.public_specifiqueError = QLabel(self.projetBox)
        self.public_specifiqueError.setObjectName(u"public_specifiqueError")
        self.public_specifiqueError.setWordWrap(True)
        self.public_specifiqueError.setVisible(False)

        self.projetForm.setWidget(17, QFormLayout.ItemRole.FieldRole, self.public_specifiqueError)


        self.columns.addWidget(self.projetBox)

        self.resultatsBox = QGroupBox(SyntheseForm)
        self.resultatsBox.setObjectName(u"resultatsBox")
        self.resultatsOuter = QVBoxLayout(self.resultatsBox)
        self.resultatsOuter.setObjectName(u"resultatsOuter")
        self.resultatsForm = QFormLayout()
        self.resultatsForm.setObjectName(u"resultatsForm")
        self.structure_creeeLabel = QLabel(self.resultatsBox)
        self.structure_creeeLabel.setObjectName(u"structure_creeeLabel")

        self.resultatsForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.structure_creeeLabel)

        self.structureCreeeCheck = QCheckBox(self.resultatsBox)
        self.structureCreeeCheck.setObjectName(u"structureCreeeCheck")

        self.resultatsForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.structureCreeeCheck)

        self.structure_creeeError = QLabel(self.resultatsBox)
        self.structure_creeeError.setObjectName(u"structure_creeeError")
        self.structure_creeeError.setWordWrap(True)
        self.structure_creeeError.setVisible(False)

        self.resultatsForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.structure_creeeError)

        self.date_structure_creeeLabel = QLabel(self.resultatsBox)
        self.date_structure_creeeLabel.setObjectName(u"date_structure_creeeLabel")

        self.resultatsForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.date_structure_creeeLabel)

        self.dateStructureEdit = QLineEdit(self.resultatsBox)
        self.dateStructureEdit.setObjectName(u"dateStructureEdit")

        self.resultatsForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.dateStructureEdit)

        self.date_structure_creeeError = QLabel(self.resultatsBox)
        self.date_structure_creeeError.setObjectName(u"date_structure_creeeError")
        self.date_structure_creeeError.setWordWrap(True)
        self.date_structure_creeeError.setVisible(False)

        self.resultatsForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.date_structure_creeeError)

        self.emplois_crees_etpLabel = QLabel(self.resultatsBox)
        self.emplois_crees_etpLabel.setObjectName(u"emplois_crees_etpLabel")

        self.resultatsForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.emplois_crees_etpLabel)

        self.emploisCreesEdit = QLineEdit(self.resultatsBox)
        self.emploisCreesEdit.setObjectName(u"emploisCreesEdit")

        self.resultatsForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.emploisCreesEdit)

        self.emplois_crees_etpError = QLabel(self.resultatsBox)
        self.emplois_crees_etpError.setObjectName(u"emplois_crees_etpError")
        self.emplois_crees_etpError.setWordWrap(True)
        self.emplois_crees_etpError.setVisible(False)

        self.resultatsForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.emplois_crees_etpError)

        self.date_emplois_creesLabel = QLabel(self.resultatsBox)
        self.date_emplois_creesLabel.setObjectName(u"date_emplois_creesLabel")

        self.resultatsForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.date_emplois_creesLabel)

        self.dateEmploisCreesEdit = QLineEdit(self.resultatsBox)
        self.dateEmploisCreesEdit.setObjectName(u"dateEmploisCreesEdit")

        self.resultatsForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.dateEmploisCreesEdit)

        self.date_emplois_creesError = QLabel(self.resultatsBox)
        self.date_emplois_creesError.setObjectName(u"date_emplois_creesError")
        self.date_emplois_creesError.setWordWrap(True)
        self.date_emplois_creesError.setVisible(False)

        self.resultatsForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.date_emplois_creesError)

        self.emplois_consolides_etpLabel = QLabel(self.resultatsBox)
        self.emplois_consolides_etpLabel.setObjectName(u"emplois_consolides_etpLabel")

        self.resultatsForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.emplois_consolides_etpLabel)

        self.emploisConsolidesEdit = QLineEdit(self.resultatsBox)
        self.emploisConsolidesEdit.setObjectName(u"emploisConsolidesEdit")

        self.resultatsForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.emploisConsolidesEdit)

        self.emplois_consolides_etpError = QLabel(self.resultatsBox)
        self.emplois_consolides_etpError.setObjectName(u"emplois_consolides_etpError")
        self.emplois_consolides_etpError.setWordWrap(True)
        self.emplois_consolides_etpError.setVisible(False)

        self.resultatsForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.emplois_consolides_etpError)

        self.date_emplois_consolidesLabel = QLabel(self.resultatsBox)
        self.date_emplois_consolidesLabel.setObjectName(u"date_emplois_consolidesLabel")

        self.resultatsForm.setWidget(10, QFormLayout.ItemRole.LabelRole, self.date_emplois_consolidesLabel)

        self.dateEmploisConsolidesEdit = QLineEdit(self.resultatsBox)
        self.dateEmploisConsolidesEdit.setObjectName(u"dateEmploisConsolidesEdit")

        self.resultatsForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.dateEmploisConsolidesEdit)

        self.date_emplois_consolidesError = QLabel(self.resultatsBox)
        self.date_emplois_consolidesError.setObjectName(u"date_emplois_consolidesError")
        self.date_emplois_consolidesError.setWordWrap(True)
        self.date_emplois_consolidesError.setVisible(False)

        self.resultatsForm.setWidget(11, QFormLayout.ItemRole.FieldRole, self.date_emplois_consolidesError)

        self.fonds_mobilisesLabel = QLabel(self.resultatsBox)
        self.fonds_mobilisesLabel.setObjectName(u"fonds_mobilisesLabel")

        self.resultatsForm.setWidget(12, QFormLayout.ItemRole.LabelRole, self.fonds_mobilisesLabel)

        self.fondsEdit = QLineEdit(self.resultatsBox)
        self.fondsEdit.setObjectName(u"fondsEdit")

        self.resultatsForm.setWidget(12, QFormLayout.ItemRole.FieldRole, self.fondsEdit)

        self.fonds_mobilisesError = QLabel(self.resultatsBox)
        self.fonds_mobilisesError.setObjectName(u"fonds_mobilisesError")
        self.fonds_mobilisesError.setWordWrap(True)
        self.fonds_mobilisesError.setVisible(False)

        self.resultatsForm.setWidget(13, QFormLayout.ItemRole.FieldRole, self.fonds_mobilisesError)

        self.date_fonds_mobilisesLabel = QLabel(self.resultatsBox)
        self.date_fonds_mobilisesLabel.setObjectName(u"date_fonds_mobilisesLabel")

        self.resultatsForm.setWidget(14, QFormLayout.ItemRole.LabelRole, self.date_fonds_mobilisesLabel)

        self.dateFondsEdit = QLineEdit(self.resultatsBox)
        self.dateFondsEdit.setObjectName(u"dateFondsEdit")

        self.resultatsForm.setWidget(14, QFormLayout.ItemRole.FieldRole, self.dateFondsEdit)

        self.date_fonds_mobilisesError = QLabel(self.resultatsBox)
        self.date_fonds_mobilisesError.setObjectName(u"date_fonds_mobilisesError")
        self.date_fonds_mobilisesError.setWordWrap(True)
        self.date_fonds_mobilisesError.setVisible(False)

        self.resultatsForm.setWidget(15, QFormLayout.ItemRole.FieldRole, self.date_fonds_mobilisesError)

        self.crowdfunding_objectifLabel = QLabel(self.resultatsBox)
        self.crowdfunding_objectifLabel.setObjectName(u"crowdfunding_objectifLabel")

        self.resultatsForm.setWidget(16, QFormLayout.ItemRole.LabelRole, self.crowdfunding_objectifLabel)

        self.cfObjectifEdit = QLineEdit(self.resultatsBox)
        self.cfObjectifEdit.setObjectName(u"cfObjectifEdit")

        self.resultatsForm.setWidget(16, QFormLayout.ItemRole.FieldRole, self.cfObjectifEdit)

        self.crowdfunding_objectifError = QLabel(self.resultatsBox)
        self.crowdfunding_objectifError.setObjectName(u"crowdfunding_objectifError")
        self.crowdfunding_objectifError.setWordWrap(True)
        self.crowdfunding_objectifError.setVisible(False)

        self.resultatsForm.setWidget(17, QFormLayout.ItemRole.FieldRole, self.crowdfunding_objectifError)

        self.crowdfunding_collecteLabel = QLabel(self.resultatsBox)
        self.crowdfunding_collecteLabel.setObjectName(u"crowdfunding_collecteLabel")

        self.resultatsForm.setWidget(18, QFormLayout.ItemRole.LabelRole, self.crowdfunding_collecteLabel)

        self.cfCollecteEdit = QLineEdit(self.resultatsBox)
        self.cfCollecteEdit.setObjectName(u"cfCollecteEdit")

        self.resultatsForm.setWidget(18, QFormLayout.ItemRole.FieldRole, self.cfCollecteEdit)

        self.crowdfunding_collecteError = QLabel(self.resultatsBox)
        self.crowdfunding_collecteError.setObjectName(u"crowdfunding_collecteError")
        self.crowdfunding_collecteError.setWordWrap(True)
        self.crowdfunding_collecteError.setVisible(False)

        self.resultatsForm.setWidget(19, QFormLayout.ItemRole.FieldRole, self.crowdfunding_collecteError)

        self.crowdfunding_contributeursLabel = QLabel(self.resultatsBox)
        self.crowdfunding_contributeursLabel.setObjectName(u"crowdfunding_contributeursLabel")

        self.resultatsForm.setWidget(20, QFormLayout.ItemRole.LabelRole, self.crowdfunding_contributeursLabel)

        self.cfContributeursEdit = QLineEdit(self.resultatsBox)
        self.cfContributeursEdit.setObjectName(u"cfContributeursEdit")

        self.resultatsForm.setWidget(20, QFormLayout.ItemRole.FieldRole, self.cfContributeursEdit)

        self.crowdfunding_contributeursError = QLabel(self.resultatsBox)
        self.crowdfunding_contributeursError.setObjectName(u"crowdfunding_contributeursError")
        self.crowdfunding_contributeursError.setWordWrap(True)
        self.crowdfunding_contributeursError.setVisible(False)

        self.resultatsForm.setWidget(21, QFormLayout.ItemRole.FieldRole, self.crowdfunding_contributeursError)


        self.resultatsOuter.addLayout(self.resultatsForm)

        self.resultatsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.resultatsOuter.addItem(self.resultatsSpacer)


        self.columns.addWidget(self.resultatsBox)

        self.dlaBox = QGroupBox(SyntheseForm)
        self.dlaBox.setObjectName(u"dlaBox")
        self.dlaOuter = QVBoxLayout(self.dlaBox)
        self.dlaOuter.setObjectName(u"dlaOuter")
        self.dlaForm = QFormLayout()
        self.dlaForm.setObjectName(u"dlaForm")
        self.ingenierie_typeLabel = QLabel(self.dlaBox)
        self.ingenierie_typeLabel.setObjectName(u"ingenierie_typeLabel")

        self.dlaForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.ingenierie_typeLabel)

        self.ingenierieTypeCombo = QComboBox(self.dlaBox)
        self.ingenierieTypeCombo.setObjectName(u"ingenierieTypeCombo")

        self.dlaForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.ingenierieTypeCombo)

        self.ingenierie_typeError = QLabel(self.dlaBox)
        self.ingenierie_typeError.setObjectName(u"ingenierie_typeError")
        self.ingenierie_typeError.setWordWrap(True)
        self.ingenierie_typeError.setVisible(False)

        self.dlaForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.ingenierie_typeError)

        self.ingenierie_budgetLabel = QLabel(self.dlaBox)
        self.ingenierie_budgetLabel.setObjectName(u"ingenierie_budgetLabel")

        self.dlaForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.ingenierie_budgetLabel)

        self.ingenierieBudgetEdit = QLineEdit(self.dlaBox)
        self.ingenierieBudgetEdit.setObjectName(u"ingenierieBudgetEdit")

        self.dlaForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.ingenierieBudgetEdit)

        self.ingenierie_budgetError = QLabel(self.dlaBox)
        self.ingenierie_budgetError.setObjectName(u"ingenierie_budgetError")
        self.ingenierie_budgetError.setWordWrap(True)
        self.ingenierie_budgetError.setVisible(False)

        self.dlaForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.ingenierie_budgetError)

        self.suivi6Heading = QLabel(self.dlaBox)
        self.suivi6Heading.setObjectName(u"suivi6Heading")

        self.dlaForm.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.suivi6Heading)

        self.suivi_6_dateLabel = QLabel(self.dlaBox)
        self.suivi_6_dateLabel.setObjectName(u"suivi_6_dateLabel")

        self.dlaForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.suivi_6_dateLabel)

        self.suivi6DateEdit = QLineEdit(self.dlaBox)
        self.suivi6DateEdit.setObjectName(u"suivi6DateEdit")

        self.dlaForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.suivi6DateEdit)

        self.suivi_6_dateError = QLabel(self.dlaBox)
        self.suivi_6_dateError.setObjectName(u"suivi_6_dateError")
        self.suivi_6_dateError.setWordWrap(True)
        self.suivi_6_dateError.setVisible(False)

        self.dlaForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.suivi_6_dateError)

        self.suivi_6_resultatLabel = QLabel(self.dlaBox)
        self.suivi_6_resultatLabel.setObjectName(u"suivi_6_resultatLabel")

        self.dlaForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.suivi_6_resultatLabel)

        self.suivi6ResultatCombo = QComboBox(self.dlaBox)
        self.suivi6ResultatCombo.setObjectName(u"suivi6ResultatCombo")

        self.dlaForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.suivi6ResultatCombo)

        self.suivi_6_resultatError = QLabel(self.dlaBox)
        self.suivi_6_resultatError.setObjectName(u"suivi_6_resultatError")
        self.suivi_6_resultatError.setWordWrap(True)
        self.suivi_6_resultatError.setVisible(False)

        self.dlaForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.suivi_6_resultatError)

        self.suivi_6_commentaireLabel = QLabel(self.dlaBox)
        self.suivi_6_commentaireLabel.setObjectName(u"suivi_6_commentaireLabel")

        self.dlaForm.setWidget(9, QFormLayout.ItemRole.LabelRole, self.suivi_6_commentaireLabel)

        self.suivi6CommentaireEdit = QLineEdit(self.dlaBox)
        self.suivi6CommentaireEdit.setObjectName(u"suivi6CommentaireEdit")

        self.dlaForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.suivi6CommentaireEdit)

        self.suivi_6_commentaireError = QLabel(self.dlaBox)
        self.suivi_6_commentaireError.setObjectName(u"suivi_6_commentaireError")
        self.suivi_6_commentaireError.setWordWrap(True)
        self.suivi_6_commentaireError.setVisible(False)

        self.dlaForm.setWidget(10, QFormLayout.ItemRole.FieldRole, self.suivi_6_commentaireError)

        self.suivi24Heading = QLabel(self.dlaBox)
        self.suivi24Heading.setObjectName(u"suivi24Heading")

        self.dlaForm.setWidget(11, QFormLayout.ItemRole.SpanningRole, self.suivi24Heading)

        self.suivi_24_dateLabel = QLabel(self.dlaBox)
        self.suivi_24_dateLabel.setObjectName(u"suivi_24_dateLabel")

        self.dlaForm.setWidget(12, QFormLayout.ItemRole.LabelRole, self.suivi_24_dateLabel)

        self.suivi24DateEdit = QLineEdit(self.dlaBox)
        self.suivi24DateEdit.setObjectName(u"suivi24DateEdit")

        self.dlaForm.setWidget(12, QFormLayout.ItemRole.FieldRole, self.suivi24DateEdit)

        self.suivi_24_dateError = QLabel(self.dlaBox)
        self.suivi_24_dateError.setObjectName(u"suivi_24_dateError")
        self.suivi_24_dateError.setWordWrap(True)
        self.suivi_24_dateError.setVisible(False)

        self.dlaForm.setWidget(13, QFormLayout.ItemRole.FieldRole, self.suivi_24_dateError)

        self.suivi_24_resultatLabel = QLabel(self.dlaBox)
        self.suivi_24_resultatLabel.setObjectName(u"suivi_24_resultatLabel")

        self.dlaForm.setWidget(14, QFormLayout.ItemRole.LabelRole, self.suivi_24_resultatLabel)

        self.suivi24ResultatCombo = QComboBox(self.dlaBox)
        self.suivi24ResultatCombo.setObjectName(u"suivi24ResultatCombo")

        self.dlaForm.setWidget(14, QFormLayout.ItemRole.FieldRole, self.suivi24ResultatCombo)

        self.suivi_24_resultatError = QLabel(self.dlaBox)
        self.suivi_24_resultatError.setObjectName(u"suivi_24_resultatError")
        self.suivi_24_resultatError.setWordWrap(True)
        self.suivi_24_resultatError.setVisible(False)

        self.dlaForm.setWidget(15, QFormLayout.ItemRole.FieldRole, self.suivi_24_resultatError)

        self.suivi_24_commentaireLabel = QLabel(self.dlaBox)
        self.suivi_24_commentaireLabel.setObjectName(u"suivi_24_commentaireLabel")

        self.dlaForm.setWidget(16, QFormLayout.ItemRole.LabelRole, self.suivi_24_commentaireLabel)

        self.suivi24CommentaireEdit = QLineEdit(self.dlaBox)
        self.suivi24CommentaireEdit.setObjectName(u"suivi24CommentaireEdit")

        self.dlaForm.setWidget(16, QFormLayout.ItemRole.FieldRole, self.suivi24CommentaireEdit)

        self.suivi_24_commentaireError = QLabel(self.dlaBox)
        self.suivi_24_commentaireError.setObjectName(u"suivi_24_commentaireError")
        self.suivi_24_commentaireError.setWordWrap(True)
        self.suivi_24_commentaireError.setVisible(False)

        self.dlaForm.setWidget(17, QFormLayout.ItemRole.FieldRole, self.suivi_24_commentaireError)


        self.dlaOuter.addLayout(self.dlaForm)

        self.dlaSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dlaOuter.addItem(self.dlaSpacer)


        self.columns.addWidget(self.dlaBox)


        self.mainLayout.addLayout(self.columns)

        self.generalError = QLabel(SyntheseForm)
        self.generalError.setObjectName(u"generalError")
        self.generalError.setWordWrap(True)
        self.generalError.setVisible(False)

        self.mainLayout.addWidget(self.generalError)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.statusLabel = QLabel(SyntheseForm)
        self.statusLabel.setObjectName(u"statusLabel")

        self.buttons.addWidget(self.statusLabel)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.buttonSpacer)

        self.revertButton = QPushButton(SyntheseForm)
        self.revertButton.setObjectName(u"revertButton")
        self.revertButton.setEnabled(False)

        self.buttons.addWidget(self.revertButton)

        self.saveButton = QPushButton(SyntheseForm)
        self.saveButton.setObjectName(u"saveButton")
        self.saveButton.setEnabled(False)

        self.buttons.addWidget(self.saveButton)


        self.mainLayout.addLayout(self.buttons)

#if QT_CONFIG(shortcut)
        self.titreLabel.setBuddy(self.titreEdit)
        self.typeLabel.setBuddy(self.typeCombo)
        self.descriptionLabel.setBuddy(self.descriptionEdit)
        self.besoinsLabel.setBuddy(self.besoinsEdit)
        self.objectifsLabel.setBuddy(self.objectifsEdit)
        self.utilite_socialeLabel.setBuddy(self.utiliteEdit)
        self.commune_inseeLabel.setBuddy(self.communeEdit)
        self.qpv_codeLabel.setBuddy(self.qpvCombo)
        self.public_specifiqueLabel.setBuddy(self.publicList)
        self.structure_creeeLabel.setBuddy(self.structureCreeeCheck)
        self.date_structure_creeeLabel.setBuddy(self.dateStructureEdit)
        self.emplois_crees_etpLabel.setBuddy(self.emploisCreesEdit)
        self.date_emplois_creesLabel.setBuddy(self.dateEmploisCreesEdit)
        self.emplois_consolides_etpLabel.setBuddy(self.emploisConsolidesEdit)
        self.date_emplois_consolidesLabel.setBuddy(self.dateEmploisConsolidesEdit)
        self.fonds_mobilisesLabel.setBuddy(self.fondsEdit)
        self.date_fonds_mobilisesLabel.setBuddy(self.dateFondsEdit)
        self.crowdfunding_objectifLabel.setBuddy(self.cfObjectifEdit)
        self.crowdfunding_collecteLabel.setBuddy(self.cfCollecteEdit)
        self.crowdfunding_contributeursLabel.setBuddy(self.cfContributeursEdit)
        self.ingenierie_typeLabel.setBuddy(self.ingenierieTypeCombo)
        self.ingenierie_budgetLabel.setBuddy(self.ingenierieBudgetEdit)
        self.suivi_6_dateLabel.setBuddy(self.suivi6DateEdit)
        self.suivi_6_resultatLabel.setBuddy(self.suivi6ResultatCombo)
        self.suivi_6_commentaireLabel.setBuddy(self.suivi6CommentaireEdit)
        self.suivi_24_dateLabel.setBuddy(self.suivi24DateEdit)
        self.suivi_24_resultatLabel.setBuddy(self.suivi24ResultatCombo)
        self.suivi_24_commentaireLabel.setBuddy(self.suivi24CommentaireEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SyntheseForm)
    # setupUi

    def retranslateUi(self, SyntheseForm):
        SyntheseForm.setWindowTitle(QCoreApplication.translate("SyntheseForm", u"Synth\u00e8se", None))
        self.projetBox.setTitle(QCoreApplication.translate("SyntheseForm", u"Projet", None))
        self.titreLabel.setText(QCoreApplication.translate("SyntheseForm", u"&Titre", None))
#if QT_CONFIG(accessibility)
        self.titreEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Titre du projet", None))
#endif // QT_CONFIG(accessibility)
        self.titreError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.titreError.setText("")
        self.typeLabel.setText(QCoreApplication.translate("SyntheseForm", u"T&ype", None))
#if QT_CONFIG(accessibility)
        self.typeCombo.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Type de dossier", None))
#endif // QT_CONFIG(accessibility)
        self.typeError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.typeError.setText("")
        self.descriptionLabel.setText(QCoreApplication.translate("SyntheseForm", u"&Description", None))
#if QT_CONFIG(accessibility)
        self.descriptionEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Description du projet", None))
#endif // QT_CONFIG(accessibility)
        self.descriptionError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.descriptionError.setText("")
        self.besoinsLabel.setText(QCoreApplication.translate("SyntheseForm", u"&Besoins", None))
#if QT_CONFIG(accessibility)
        self.besoinsEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Besoins", None))
#endif // QT_CONFIG(accessibility)
        self.besoinsError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.besoinsError.setText("")
        self.objectifsLabel.setText(QCoreApplication.translate("SyntheseForm", u"&Objectifs", None))
#if QT_CONFIG(accessibility)
        self.objectifsEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Objectifs", None))
#endif // QT_CONFIG(accessibility)
        self.objectifsError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.objectifsError.setText("")
        self.utilite_socialeLabel.setText(QCoreApplication.translate("SyntheseForm", u"&Utilit\u00e9 sociale", None))
#if QT_CONFIG(accessibility)
        self.utiliteEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Innovation et utilit\u00e9 sociale", None))
#endif // QT_CONFIG(accessibility)
        self.utilite_socialeError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.utilite_socialeError.setText("")
        self.commune_inseeLabel.setText(QCoreApplication.translate("SyntheseForm", u"&Commune", None))
#if QT_CONFIG(accessibility)
        self.communeEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Commune du projet", None))
#endif // QT_CONFIG(accessibility)
        self.communeEdit.setPlaceholderText(QCoreApplication.translate("SyntheseForm", u"nom ou code postal", None))
        self.commune_inseeError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.commune_inseeError.setText("")
        self.qpv_codeLabel.setText(QCoreApplication.translate("SyntheseForm", u"&QPV", None))
#if QT_CONFIG(accessibility)
        self.qpvCombo.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Quartier prioritaire", None))
#endif // QT_CONFIG(accessibility)
        self.qpv_codeError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.qpv_codeError.setText("")
        self.public_specifiqueLabel.setText(QCoreApplication.translate("SyntheseForm", u"&Public sp\u00e9cifique", None))
#if QT_CONFIG(accessibility)
        self.publicList.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Public sp\u00e9cifique", None))
#endif // QT_CONFIG(accessibility)
        self.public_specifiqueError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.public_specifiqueError.setText("")
        self.resultatsBox.setTitle(QCoreApplication.translate("SyntheseForm", u"R\u00e9sultats", None))
        self.structure_creeeLabel.setText(QCoreApplication.translate("SyntheseForm", u"Structure cr\u00e9\u00e9e", None))
        self.structureCreeeCheck.setText(QCoreApplication.translate("SyntheseForm", u"&Oui", None))
#if QT_CONFIG(accessibility)
        self.structureCreeeCheck.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Structure cr\u00e9\u00e9e", None))
#endif // QT_CONFIG(accessibility)
        self.structure_creeeError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.structure_creeeError.setText("")
        self.date_structure_creeeLabel.setText(QCoreApplication.translate("SyntheseForm", u"&Date de cr\u00e9ation", None))
#if QT_CONFIG(accessibility)
        self.dateStructureEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Date de cr\u00e9ation de la structure", None))
#endif // QT_CONFIG(accessibility)
        self.dateStructureEdit.setPlaceholderText(QCoreApplication.translate("SyntheseForm", u"JJ/MM/AAAA", None))
        self.date_structure_creeeError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.date_structure_creeeError.setText("")
        self.emplois_crees_etpLabel.setText(QCoreApplication.translate("SyntheseForm", u"Emplois &cr\u00e9\u00e9s (ETP)", None))
#if QT_CONFIG(accessibility)
        self.emploisCreesEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Emplois cr\u00e9\u00e9s en ETP", None))
#endif // QT_CONFIG(accessibility)
        self.emploisCreesEdit.setPlaceholderText(QCoreApplication.translate("SyntheseForm", u"ex. 1,5", None))
        self.emplois_crees_etpError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.emplois_crees_etpError.setText("")
        self.date_emplois_creesLabel.setText(QCoreApplication.translate("SyntheseForm", u"Emplois c&r\u00e9\u00e9s le", None))
#if QT_CONFIG(accessibility)
        self.dateEmploisCreesEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Date des emplois cr\u00e9\u00e9s", None))
#endif // QT_CONFIG(accessibility)
        self.dateEmploisCreesEdit.setPlaceholderText(QCoreApplication.translate("SyntheseForm", u"JJ/MM/AAAA (vide : date de la saisie)", None))
        self.date_emplois_creesError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.date_emplois_creesError.setText("")
        self.emplois_consolides_etpLabel.setText(QCoreApplication.translate("SyntheseForm", u"Emplois c&onsolid\u00e9s (ETP)", None))
#if QT_CONFIG(accessibility)
        self.emploisConsolidesEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Emplois consolid\u00e9s en ETP", None))
#endif // QT_CONFIG(accessibility)
        self.emploisConsolidesEdit.setPlaceholderText(QCoreApplication.translate("SyntheseForm", u"ex. 2", None))
        self.emplois_consolides_etpError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.emplois_consolides_etpError.setText("")
        self.date_emplois_consolidesLabel.setText(QCoreApplication.translate("SyntheseForm", u"Emplois con&solid\u00e9s le", None))
#if QT_CONFIG(accessibility)
        self.dateEmploisConsolidesEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Date des emplois consolid\u00e9s", None))
#endif // QT_CONFIG(accessibility)
        self.dateEmploisConsolidesEdit.setPlaceholderText(QCoreApplication.translate("SyntheseForm", u"JJ/MM/AAAA (vide : date de la saisie)", None))
        self.date_emplois_consolidesError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.date_emplois_consolidesError.setText("")
        self.fonds_mobilisesLabel.setText(QCoreApplication.translate("SyntheseForm", u"&Fonds mobilis\u00e9s (\u20ac)", None))
#if QT_CONFIG(accessibility)
        self.fondsEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Fonds mobilis\u00e9s en euros", None))
#endif // QT_CONFIG(accessibility)
        self.fondsEdit.setPlaceholderText(QCoreApplication.translate("SyntheseForm", u"ex. 12 500", None))
        self.fonds_mobilisesError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.fonds_mobilisesError.setText("")
        self.date_fonds_mobilisesLabel.setText(QCoreApplication.translate("SyntheseForm", u"Date d'obtent&ion des fonds", None))
#if QT_CONFIG(accessibility)
        self.dateFondsEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Date d'obtention des fonds", None))
#endif // QT_CONFIG(accessibility)
        self.dateFondsEdit.setPlaceholderText(QCoreApplication.translate("SyntheseForm", u"JJ/MM/AAAA (vide : date de la saisie)", None))
        self.date_fonds_mobilisesError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.date_fonds_mobilisesError.setText("")
        self.crowdfunding_objectifLabel.setText(QCoreApplication.translate("SyntheseForm", u"Objectif de c&ollecte (\u20ac)", None))
#if QT_CONFIG(accessibility)
        self.cfObjectifEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Objectif de la collecte en euros", None))
#endif // QT_CONFIG(accessibility)
        self.crowdfunding_objectifError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.crowdfunding_objectifError.setText("")
        self.crowdfunding_collecteLabel.setText(QCoreApplication.translate("SyntheseForm", u"Montant co&llect\u00e9 (\u20ac)", None))
#if QT_CONFIG(accessibility)
        self.cfCollecteEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Montant collect\u00e9 en euros", None))
#endif // QT_CONFIG(accessibility)
        self.crowdfunding_collecteError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.crowdfunding_collecteError.setText("")
        self.crowdfunding_contributeursLabel.setText(QCoreApplication.translate("SyntheseForm", u"Co&ntributeurs", None))
#if QT_CONFIG(accessibility)
        self.cfContributeursEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Nombre de contributeurs", None))
#endif // QT_CONFIG(accessibility)
        self.crowdfunding_contributeursError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.crowdfunding_contributeursError.setText("")
        self.dlaBox.setTitle(QCoreApplication.translate("SyntheseForm", u"DLA : ing\u00e9nierie et suivis", None))
        self.ingenierie_typeLabel.setText(QCoreApplication.translate("SyntheseForm", u"Type d'in&g\u00e9nierie", None))
#if QT_CONFIG(accessibility)
        self.ingenierieTypeCombo.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Type d'ing\u00e9nierie", None))
#endif // QT_CONFIG(accessibility)
        self.ingenierie_typeError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.ingenierie_typeError.setText("")
        self.ingenierie_budgetLabel.setText(QCoreApplication.translate("SyntheseForm", u"&Budget (\u20ac)", None))
#if QT_CONFIG(accessibility)
        self.ingenierieBudgetEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Budget de l'ing\u00e9nierie en euros", None))
#endif // QT_CONFIG(accessibility)
        self.ingenierieBudgetEdit.setPlaceholderText(QCoreApplication.translate("SyntheseForm", u"ex. 4 500", None))
        self.ingenierie_budgetError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.ingenierie_budgetError.setText("")
        self.suivi6Heading.setText(QCoreApplication.translate("SyntheseForm", u"<b>Suivi \u00e0 6 mois</b>", None))
        self.suivi_6_dateLabel.setText(QCoreApplication.translate("SyntheseForm", u"Da&te", None))
#if QT_CONFIG(accessibility)
        self.suivi6DateEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Date du suivi \u00e0 6 mois", None))
#endif // QT_CONFIG(accessibility)
        self.suivi6DateEdit.setPlaceholderText(QCoreApplication.translate("SyntheseForm", u"JJ/MM/AAAA", None))
        self.suivi_6_dateError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.suivi_6_dateError.setText("")
        self.suivi_6_resultatLabel.setText(QCoreApplication.translate("SyntheseForm", u"R\u00e9s&ultat", None))
#if QT_CONFIG(accessibility)
        self.suivi6ResultatCombo.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"R\u00e9sultat du suivi \u00e0 6 mois", None))
#endif // QT_CONFIG(accessibility)
        self.suivi_6_resultatError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.suivi_6_resultatError.setText("")
        self.suivi_6_commentaireLabel.setText(QCoreApplication.translate("SyntheseForm", u"Co&mmentaire", None))
#if QT_CONFIG(accessibility)
        self.suivi6CommentaireEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Commentaire du suivi \u00e0 6 mois", None))
#endif // QT_CONFIG(accessibility)
        self.suivi_6_commentaireError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.suivi_6_commentaireError.setText("")
        self.suivi24Heading.setText(QCoreApplication.translate("SyntheseForm", u"<b>Suivi \u00e0 24 mois</b>", None))
        self.suivi_24_dateLabel.setText(QCoreApplication.translate("SyntheseForm", u"Dat&e", None))
#if QT_CONFIG(accessibility)
        self.suivi24DateEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Date du suivi \u00e0 24 mois", None))
#endif // QT_CONFIG(accessibility)
        self.suivi24DateEdit.setPlaceholderText(QCoreApplication.translate("SyntheseForm", u"JJ/MM/AAAA", None))
        self.suivi_24_dateError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.suivi_24_dateError.setText("")
        self.suivi_24_resultatLabel.setText(QCoreApplication.translate("SyntheseForm", u"R\u00e9su&ltat", None))
#if QT_CONFIG(accessibility)
        self.suivi24ResultatCombo.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"R\u00e9sultat du suivi \u00e0 24 mois", None))
#endif // QT_CONFIG(accessibility)
        self.suivi_24_resultatError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.suivi_24_resultatError.setText("")
        self.suivi_24_commentaireLabel.setText(QCoreApplication.translate("SyntheseForm", u"Comm&entaire", None))
#if QT_CONFIG(accessibility)
        self.suivi24CommentaireEdit.setAccessibleName(QCoreApplication.translate("SyntheseForm", u"Commentaire du suivi \u00e0 24 mois", None))
#endif // QT_CONFIG(accessibility)
        self.suivi_24_commentaireError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.suivi_24_commentaireError.setText("")
        self.generalError.setStyleSheet(QCoreApplication.translate("SyntheseForm", u"color: #b00020;", None))
        self.generalError.setText("")
        self.statusLabel.setText("")
        self.revertButton.setText(QCoreApplication.translate("SyntheseForm", u"&Annuler les modifications", None))
        self.saveButton.setText(QCoreApplication.translate("SyntheseForm", u"&Enregistrer", None))
    # retranslateUi
