# Generated from ui/compte_rendu.ui by pyside6-uic — do not edit; run scripts/compile_forms.py.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_CompteRenduForm(object):
    def setupUi(self, CompteRenduForm):
        if not CompteRenduForm.objectName():
            CompteRenduForm.setObjectName(u"CompteRenduForm")
        CompteRenduForm.resize(760, 720)
        self.mainLayout = QVBoxLayout(CompteRenduForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.headerLabel = QLabel(CompteRenduForm)
        self.headerLabel.setObjectName(u"headerLabel")
        self.headerLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.headerLabel)

        self.draftBanner = QLabel(CompteRenduForm)
        self.draftBanner.setObjectName(u"draftBanner")
        self.draftBanner.setVisible(False)
        self.draftBanner.setWordWrap(True)

        self.mainLayout.addWidget(self.draftBanner)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.objetLabel = QLabel(CompteRenduForm)
        self.objetLabel.setObjectName(u"objetLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.objetLabel)

        self.objetEdit = QLineEdit(CompteRenduForm)
        self.objetEdit.setObjectName(u"objetEdit")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.objetEdit)

        self.objetError = QLabel(CompteRenduForm)
        self.objetError.setObjectName(u"objetError")
        self.objetError.setWordWrap(True)
        self.objetError.setVisible(False)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.objetError)

        self.notesLabel = QLabel(CompteRenduForm)
        self.notesLabel.setObjectName(u"notesLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notesEdit = QPlainTextEdit(CompteRenduForm)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.notesEdit)

        self.notesError = QLabel(CompteRenduForm)
        self.notesError.setObjectName(u"notesError")
        self.notesError.setWordWrap(True)
        self.notesError.setVisible(False)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.notesError)

        self.decisionsLabel = QLabel(CompteRenduForm)
        self.decisionsLabel.setObjectName(u"decisionsLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.decisionsLabel)

        self.decisionsEdit = QPlainTextEdit(CompteRenduForm)
        self.decisionsEdit.setObjectName(u"decisionsEdit")
        self.decisionsEdit.setTabChangesFocus(True)
        self.decisionsEdit.setMaximumSize(QSize(16777215, 90))

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.decisionsEdit)

        self.decisionsError = QLabel(CompteRenduForm)
        self.decisionsError.setObjectName(u"decisionsError")
        self.decisionsError.setWordWrap(True)
        self.decisionsError.setVisible(False)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.decisionsError)

        self.actionsLabel = QLabel(CompteRenduForm)
        self.actionsLabel.setObjectName(u"actionsLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.actionsLabel)

        self.actionsLayout = QVBoxLayout()
        self.actionsLayout.setObjectName(u"actionsLayout")
        self.actionsTable = QTableWidget(CompteRenduForm)
        if (self.actionsTable.columnCount() < 3):
            self.actionsTable.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.actionsTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.actionsTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.actionsTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.actionsTable.setObjectName(u"actionsTable")
        self.actionsTable.setColumnCount(3)
        self.actionsTable.setMaximumSize(QSize(16777215, 150))
        self.actionsTable.horizontalHeader().setStretchLastSection(False)

        self.actionsLayout.addWidget(self.actionsTable)

        self.actionButtons = QHBoxLayout()
        self.actionButtons.setObjectName(u"actionButtons")
        self.addActionButton = QPushButton(CompteRenduForm)
        self.addActionButton.setObjectName(u"addActionButton")

        self.actionButtons.addWidget(self.addActionButton)

        self.removeActionButton = QPushButton(CompteRenduForm)
        self.removeActionButton.setObjectName(u"removeActionButton")

        self.actionButtons.addWidget(self.removeActionButton)

        self.actionSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionButtons.addItem(self.actionSpacer)


        self.actionsLayout.addLayout(self.actionButtons)

        self.actionsError = QLabel(CompteRenduForm)
        self.actionsError.setObjectName(u"actionsError")
        self.actionsError.setWordWrap(True)
        self.actionsError.setVisible(False)

        self.actionsLayout.addWidget(self.actionsError)


        self.formLayout.setLayout(6, QFormLayout.ItemRole.FieldRole, self.actionsLayout)

        self.nextLabel = QLabel(CompteRenduForm)
        self.nextLabel.setObjectName(u"nextLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.nextLabel)

        self.nextLayout = QHBoxLayout()
        self.nextLayout.setObjectName(u"nextLayout")
        self.nextCheck = QCheckBox(CompteRenduForm)
        self.nextCheck.setObjectName(u"nextCheck")

        self.nextLayout.addWidget(self.nextCheck)

        self.nextEdit = QDateTimeEdit(CompteRenduForm)
        self.nextEdit.setObjectName(u"nextEdit")
        self.nextEdit.setEnabled(False)
        self.nextEdit.setCalendarPopup(True)

        self.nextLayout.addWidget(self.nextEdit)

        self.nextSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.nextLayout.addItem(self.nextSpacer)


        self.formLayout.setLayout(7, QFormLayout.ItemRole.FieldRole, self.nextLayout)

        self.nextError = QLabel(CompteRenduForm)
        self.nextError.setObjectName(u"nextError")
        self.nextError.setWordWrap(True)
        self.nextError.setVisible(False)

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.nextError)

        self.dureeLabel = QLabel(CompteRenduForm)
        self.dureeLabel.setObjectName(u"dureeLabel")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.dureeLabel)

        self.dureeEdit = QLineEdit(CompteRenduForm)
        self.dureeEdit.setObjectName(u"dureeEdit")
        self.dureeEdit.setMaximumSize(QSize(200, 16777215))

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.dureeEdit)

        self.dureeError = QLabel(CompteRenduForm)
        self.dureeError.setObjectName(u"dureeError")
        self.dureeError.setWordWrap(True)
        self.dureeError.setVisible(False)

        self.formLayout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.dureeError)

        self.statutLabel = QLabel(CompteRenduForm)
        self.statutLabel.setObjectName(u"statutLabel")

        self.formLayout.setWidget(11, QFormLayout.ItemRole.LabelRole, self.statutLabel)

        self.statutCombo = QComboBox(CompteRenduForm)
        self.statutCombo.setObjectName(u"statutCombo")

        self.formLayout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.statutCombo)

        self.statutError = QLabel(CompteRenduForm)
        self.statutError.setObjectName(u"statutError")
        self.statutError.setWordWrap(True)
        self.statutError.setVisible(False)

        self.formLayout.setWidget(12, QFormLayout.ItemRole.FieldRole, self.statutError)


        self.mainLayout.addLayout(self.formLayout)

        self.generalError = QLabel(CompteRenduForm)
        self.generalError.setObjectName(u"generalError")
        self.generalError.setWordWrap(True)
        self.generalError.setVisible(False)

        self.mainLayout.addWidget(self.generalError)

        self.buttonBox = QDialogButtonBox(CompteRenduForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.objetLabel.setBuddy(self.objetEdit)
        self.notesLabel.setBuddy(self.notesEdit)
        self.decisionsLabel.setBuddy(self.decisionsEdit)
        self.dureeLabel.setBuddy(self.dureeEdit)
        self.statutLabel.setBuddy(self.statutCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CompteRenduForm)
    # setupUi

    def retranslateUi(self, CompteRenduForm):
        CompteRenduForm.setWindowTitle(QCoreApplication.translate("CompteRenduForm", u"Compte-rendu", None))
        self.headerLabel.setText("")
        self.draftBanner.setText("")
        self.draftBanner.setStyleSheet(QCoreApplication.translate("CompteRenduForm", u"background: #fff4ce; padding: 4px;", None))
        self.objetLabel.setText(QCoreApplication.translate("CompteRenduForm", u"&Objet", None))
#if QT_CONFIG(accessibility)
        self.objetEdit.setAccessibleName(QCoreApplication.translate("CompteRenduForm", u"Objet du rendez-vous", None))
#endif // QT_CONFIG(accessibility)
        self.objetError.setStyleSheet(QCoreApplication.translate("CompteRenduForm", u"color: #b00020;", None))
        self.objetError.setText("")
        self.notesLabel.setText(QCoreApplication.translate("CompteRenduForm", u"&Notes", None))
#if QT_CONFIG(accessibility)
        self.notesEdit.setAccessibleName(QCoreApplication.translate("CompteRenduForm", u"Notes du compte-rendu", None))
#endif // QT_CONFIG(accessibility)
        self.notesEdit.setPlaceholderText(QCoreApplication.translate("CompteRenduForm", u"Ce qui a \u00e9t\u00e9 dit\u2026", None))
        self.notesError.setStyleSheet(QCoreApplication.translate("CompteRenduForm", u"color: #b00020;", None))
        self.notesError.setText("")
        self.decisionsLabel.setText(QCoreApplication.translate("CompteRenduForm", u"&D\u00e9cisions", None))
#if QT_CONFIG(accessibility)
        self.decisionsEdit.setAccessibleName(QCoreApplication.translate("CompteRenduForm", u"D\u00e9cisions", None))
#endif // QT_CONFIG(accessibility)
        self.decisionsError.setStyleSheet(QCoreApplication.translate("CompteRenduForm", u"color: #b00020;", None))
        self.decisionsError.setText("")
        self.actionsLabel.setText(QCoreApplication.translate("CompteRenduForm", u"Actions", None))
        ___qtablewidgetitem = self.actionsTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("CompteRenduForm", u"Quoi", None))
        ___qtablewidgetitem1 = self.actionsTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("CompteRenduForm", u"Qui", None))
        ___qtablewidgetitem2 = self.actionsTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("CompteRenduForm", u"\u00c9ch\u00e9ance (JJ/MM/AAAA)", None))
#if QT_CONFIG(accessibility)
        self.actionsTable.setAccessibleName(QCoreApplication.translate("CompteRenduForm", u"Actions d\u00e9cid\u00e9es", None))
#endif // QT_CONFIG(accessibility)
        self.addActionButton.setText(QCoreApplication.translate("CompteRenduForm", u"&Ajouter une action", None))
        self.removeActionButton.setText(QCoreApplication.translate("CompteRenduForm", u"&Retirer l'action", None))
        self.actionsError.setStyleSheet(QCoreApplication.translate("CompteRenduForm", u"color: #b00020;", None))
        self.actionsError.setText("")
        self.nextLabel.setText(QCoreApplication.translate("CompteRenduForm", u"Prochain rendez-vous", None))
        self.nextCheck.setText(QCoreApplication.translate("CompteRenduForm", u"&Pr\u00e9voir le", None))
#if QT_CONFIG(accessibility)
        self.nextCheck.setAccessibleName(QCoreApplication.translate("CompteRenduForm", u"Pr\u00e9voir un prochain rendez-vous", None))
#endif // QT_CONFIG(accessibility)
        self.nextEdit.setDisplayFormat(QCoreApplication.translate("CompteRenduForm", u"dd/MM/yyyy HH:mm", None))
#if QT_CONFIG(accessibility)
        self.nextEdit.setAccessibleName(QCoreApplication.translate("CompteRenduForm", u"Date et heure du prochain rendez-vous", None))
#endif // QT_CONFIG(accessibility)
        self.nextError.setStyleSheet(QCoreApplication.translate("CompteRenduForm", u"color: #b00020;", None))
        self.nextError.setText("")
        self.dureeLabel.setText(QCoreApplication.translate("CompteRenduForm", u"&Temps pass\u00e9", None))
#if QT_CONFIG(accessibility)
        self.dureeEdit.setAccessibleName(QCoreApplication.translate("CompteRenduForm", u"Temps pass\u00e9", None))
#endif // QT_CONFIG(accessibility)
        self.dureeEdit.setPlaceholderText(QCoreApplication.translate("CompteRenduForm", u"minutes ou h:mm, ex. 1:30", None))
        self.dureeError.setStyleSheet(QCoreApplication.translate("CompteRenduForm", u"color: #b00020;", None))
        self.dureeError.setText("")
        self.statutLabel.setText(QCoreApplication.translate("CompteRenduForm", u"&Statut", None))
#if QT_CONFIG(accessibility)
        self.statutCombo.setAccessibleName(QCoreApplication.translate("CompteRenduForm", u"Statut du rendez-vous", None))
#endif // QT_CONFIG(accessibility)
        self.statutError.setStyleSheet(QCoreApplication.translate("CompteRenduForm", u"color: #b00020;", None))
        self.statutError.setText("")
        self.generalError.setStyleSheet(QCoreApplication.translate("CompteRenduForm", u"color: #b00020;", None))
        self.generalError.setText("")
    # retranslateUi
