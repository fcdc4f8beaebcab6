# Generated from ui/atelier_form.ui by pyside6-uic — do not edit; run scripts/compile_forms.py.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QSpacerItem, QTimeEdit, QVBoxLayout,
    QWidget)

class Ui_AtelierForm(object):
    def setupUi(self, AtelierForm):
        if not AtelierForm.objectName():
            AtelierForm.setObjectName(u"AtelierForm")
        AtelierForm.resize(560, 640)
        self.mainLayout = QVBoxLayout(AtelierForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.banner = QLabel(AtelierForm)
        self.banner.setObjectName(u"banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.RichText)

        self.mainLayout.addWidget(self.banner)

        self.columns = QHBoxLayout()
        self.columns.setObjectName(u"columns")
        self.vboxLayout = QVBoxLayout()
        self.vboxLayout.setObjectName(u"vboxLayout")
        self.grpAtelier = QGroupBox(AtelierForm)
        self.grpAtelier.setObjectName(u"grpAtelier")
        self.grid_grpAtelier = QGridLayout(self.grpAtelier)
        self.grid_grpAtelier.setObjectName(u"grid_grpAtelier")
        self.grid_grpAtelier.setVerticalSpacing(2)
        self.lbl_titre = QLabel(self.grpAtelier)
        self.lbl_titre.setObjectName(u"lbl_titre")

        self.grid_grpAtelier.addWidget(self.lbl_titre, 0, 0, 1, 1)

        self.titre = QLineEdit(self.grpAtelier)
        self.titre.setObjectName(u"titre")

        self.grid_grpAtelier.addWidget(self.titre, 0, 1, 1, 1)

        self.err_titre = QLabel(self.grpAtelier)
        self.err_titre.setObjectName(u"err_titre")
        self.err_titre.setWordWrap(True)

        self.grid_grpAtelier.addWidget(self.err_titre, 1, 1, 1, 1)

        self.lbl_theme = QLabel(self.grpAtelier)
        self.lbl_theme.setObjectName(u"lbl_theme")

        self.grid_grpAtelier.addWidget(self.lbl_theme, 2, 0, 1, 1)

        self.theme = QLineEdit(self.grpAtelier)
        self.theme.setObjectName(u"theme")

        self.grid_grpAtelier.addWidget(self.theme, 2, 1, 1, 1)

        self.err_theme = QLabel(self.grpAtelier)
        self.err_theme.setObjectName(u"err_theme")
        self.err_theme.setWordWrap(True)

        self.grid_grpAtelier.addWidget(self.err_theme, 3, 1, 1, 1)

        self.lbl_dispositif = QLabel(self.grpAtelier)
        self.lbl_dispositif.setObjectName(u"lbl_dispositif")

        self.grid_grpAtelier.addWidget(self.lbl_dispositif, 4, 0, 1, 1)

        self.dispositif = QComboBox(self.grpAtelier)
        self.dispositif.setObjectName(u"dispositif")

        self.grid_grpAtelier.addWidget(self.dispositif, 4, 1, 1, 1)

        self.err_dispositif = QLabel(self.grpAtelier)
        self.err_dispositif.setObjectName(u"err_dispositif")
        self.err_dispositif.setWordWrap(True)

        self.grid_grpAtelier.addWidget(self.err_dispositif, 5, 1, 1, 1)

        self.lbl_capacite = QLabel(self.grpAtelier)
        self.lbl_capacite.setObjectName(u"lbl_capacite")

        self.grid_grpAtelier.addWidget(self.lbl_capacite, 6, 0, 1, 1)

        self.capacite = QLineEdit(self.grpAtelier)
        self.capacite.setObjectName(u"capacite")

        self.grid_grpAtelier.addWidget(self.capacite, 6, 1, 1, 1)

        self.err_capacite = QLabel(self.grpAtelier)
        self.err_capacite.setObjectName(u"err_capacite")
        self.err_capacite.setWordWrap(True)

        self.grid_grpAtelier.addWidget(self.err_capacite, 7, 1, 1, 1)


        self.vboxLayout.addWidget(self.grpAtelier)

        self.grpDate = QGroupBox(AtelierForm)
        self.grpDate.setObjectName(u"grpDate")
        self.grid_grpDate = QGridLayout(self.grpDate)
        self.grid_grpDate.setObjectName(u"grid_grpDate")
        self.grid_grpDate.setVerticalSpacing(2)
        self.lbl_date = QLabel(self.grpDate)
        self.lbl_date.setObjectName(u"lbl_date")

        self.grid_grpDate.addWidget(self.lbl_date, 0, 0, 1, 1)

        self.date = QDateEdit(self.grpDate)
        self.date.setObjectName(u"date")

        self.grid_grpDate.addWidget(self.date, 0, 1, 1, 1)

        self.err_date = QLabel(self.grpDate)
        self.err_date.setObjectName(u"err_date")
        self.err_date.setWordWrap(True)

        self.grid_grpDate.addWidget(self.err_date, 1, 1, 1, 1)

        self.lbl_debut = QLabel(self.grpDate)
        self.lbl_debut.setObjectName(u"lbl_debut")

        self.grid_grpDate.addWidget(self.lbl_debut, 2, 0, 1, 1)

        self.debut = QTimeEdit(self.grpDate)
        self.debut.setObjectName(u"debut")

        self.grid_grpDate.addWidget(self.debut, 2, 1, 1, 1)

        self.err_debut = QLabel(self.grpDate)
        self.err_debut.setObjectName(u"err_debut")
        self.err_debut.setWordWrap(True)

        self.grid_grpDate.addWidget(self.err_debut, 3, 1, 1, 1)

        self.lbl_fin = QLabel(self.grpDate)
        self.lbl_fin.setObjectName(u"lbl_fin")

        self.grid_grpDate.addWidget(self.lbl_fin, 4, 0, 1, 1)

        self.fin = QTimeEdit(self.grpDate)
        self.fin.setObjectName(u"fin")

        self.grid_grpDate.addWidget(self.fin, 4, 1, 1, 1)

        self.err_fin = QLabel(self.grpDate)
        self.err_fin.setObjectName(u"err_fin")
        self.err_fin.setWordWrap(True)

        self.grid_grpDate.addWidget(self.err_fin, 5, 1, 1, 1)

        self.lbl_lieu = QLabel(self.grpDate)
        self.lbl_lieu.setObjectName(u"lbl_lieu")

        self.grid_grpDate.addWidget(self.lbl_lieu, 6, 0, 1, 1)

        self.lieu = QLineEdit(self.grpDate)
        self.lieu.setObjectName(u"lieu")

        self.grid_grpDate.addWidget(self.lieu, 6, 1, 1, 1)

        self.err_lieu = QLabel(self.grpDate)
        self.err_lieu.setObjectName(u"err_lieu")
        self.err_lieu.setWordWrap(True)

        self.grid_grpDate.addWidget(self.err_lieu, 7, 1, 1, 1)

        self.lbl_commune_insee = QLabel(self.grpDate)
        self.lbl_commune_insee.setObjectName(u"lbl_commune_insee")

        self.grid_grpDate.addWidget(self.lbl_commune_insee, 8, 0, 1, 1)

        self.commune_insee = QLineEdit(self.grpDate)
        self.commune_insee.setObjectName(u"commune_insee")

        self.grid_grpDate.addWidget(self.commune_insee, 8, 1, 1, 1)

        self.err_commune_insee = QLabel(self.grpDate)
        self.err_commune_insee.setObjectName(u"err_commune_insee")
        self.err_commune_insee.setWordWrap(True)

        self.grid_grpDate.addWidget(self.err_commune_insee, 9, 1, 1, 1)


        self.vboxLayout.addWidget(self.grpDate)

        self.sp_0 = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.vboxLayout.addItem(self.sp_0)


        self.columns.addLayout(self.vboxLayout)


        self.mainLayout.addLayout(self.columns)

        self.grpDescription = QGroupBox(AtelierForm)
        self.grpDescription.setObjectName(u"grpDescription")
        self.vboxLayout1 = QVBoxLayout(self.grpDescription)
        self.vboxLayout1.setObjectName(u"vboxLayout1")
        self.description = QPlainTextEdit(self.grpDescription)
        self.description.setObjectName(u"description")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumSize(QSize(16777215, 80))

        self.vboxLayout1.addWidget(self.description)

        self.err_description = QLabel(self.grpDescription)
        self.err_description.setObjectName(u"err_description")

        self.vboxLayout1.addWidget(self.err_description)


        self.mainLayout.addWidget(self.grpDescription)

        self.buttonBox = QDialogButtonBox(AtelierForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.lbl_titre.setBuddy(self.titre)
        self.lbl_theme.setBuddy(self.theme)
        self.lbl_dispositif.setBuddy(self.dispositif)
        self.lbl_capacite.setBuddy(self.capacite)
        self.lbl_date.setBuddy(self.date)
        self.lbl_debut.setBuddy(self.debut)
        self.lbl_fin.setBuddy(self.fin)
        self.lbl_lieu.setBuddy(self.lieu)
        self.lbl_commune_insee.setBuddy(self.commune_insee)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.titre, self.theme)
        QWidget.setTabOrder(self.theme, self.dispositif)
        QWidget.setTabOrder(self.dispositif, self.capacite)
        QWidget.setTabOrder(self.capacite, self.date)
        QWidget.setTabOrder(self.date, self.debut)
        QWidget.setTabOrder(self.debut, self.fin)
        QWidget.setTabOrder(self.fin, self.lieu)
        QWidget.setTabOrder(self.lieu, self.commune_insee)
        QWidget.setTabOrder(self.commune_insee, self.description)

        self.retranslateUi(AtelierForm)
    # setupUi

    def retranslateUi(self, AtelierForm):
        AtelierForm.setWindowTitle(QCoreApplication.translate("AtelierForm", u"Atelier", None))
        self.banner.setText("")
        self.banner.setStyleSheet(QCoreApplication.translate("AtelierForm", u"background: #fff4e5; border: 1px solid #f0b35a; padding: 6px;", None))
        self.grpAtelier.setTitle(QCoreApplication.translate("AtelierForm", u"Atelier", None))
        self.lbl_titre.setText(QCoreApplication.translate("AtelierForm", u"Titre :", None))
#if QT_CONFIG(accessibility)
        self.titre.setAccessibleName(QCoreApplication.translate("AtelierForm", u"Titre", None))
#endif // QT_CONFIG(accessibility)
        self.err_titre.setStyleSheet(QCoreApplication.translate("AtelierForm", u"color: #b00020;", None))
        self.err_titre.setText("")
        self.lbl_theme.setText(QCoreApplication.translate("AtelierForm", u"Th\u00e8me :", None))
#if QT_CONFIG(accessibility)
        self.theme.setAccessibleName(QCoreApplication.translate("AtelierForm", u"Th\u00e8me", None))
#endif // QT_CONFIG(accessibility)
        self.err_theme.setStyleSheet(QCoreApplication.translate("AtelierForm", u"color: #b00020;", None))
        self.err_theme.setText("")
        self.lbl_dispositif.setText(QCoreApplication.translate("AtelierForm", u"Dispositif :", None))
#if QT_CONFIG(accessibility)
        self.dispositif.setAccessibleName(QCoreApplication.translate("AtelierForm", u"Dispositif", None))
#endif // QT_CONFIG(accessibility)
        self.err_dispositif.setStyleSheet(QCoreApplication.translate("AtelierForm", u"color: #b00020;", None))
        self.err_dispositif.setText("")
        self.lbl_capacite.setText(QCoreApplication.translate("AtelierForm", u"Capacit\u00e9 :", None))
#if QT_CONFIG(accessibility)
        self.capacite.setAccessibleName(QCoreApplication.translate("AtelierForm", u"Capacit\u00e9", None))
#endif // QT_CONFIG(accessibility)
        self.capacite.setPlaceholderText(QCoreApplication.translate("AtelierForm", u"nombre de places", None))
        self.err_capacite.setStyleSheet(QCoreApplication.translate("AtelierForm", u"color: #b00020;", None))
        self.err_capacite.setText("")
        self.grpDate.setTitle(QCoreApplication.translate("AtelierForm", u"Date et lieu", None))
        self.lbl_date.setText(QCoreApplication.translate("AtelierForm", u"Date :", None))
#if QT_CONFIG(accessibility)
        self.date.setAccessibleName(QCoreApplication.translate("AtelierForm", u"Date", None))
#endif // QT_CONFIG(accessibility)
        self.err_date.setStyleSheet(QCoreApplication.translate("AtelierForm", u"color: #b00020;", None))
        self.err_date.setText("")
        self.lbl_debut.setText(QCoreApplication.translate("AtelierForm", u"D\u00e9but :", None))
#if QT_CONFIG(accessibility)
        self.debut.setAccessibleName(QCoreApplication.translate("AtelierForm", u"D\u00e9but", None))
#endif // QT_CONFIG(accessibility)
        self.err_debut.setStyleSheet(QCoreApplication.translate("AtelierForm", u"color: #b00020;", None))
        self.err_debut.setText("")
        self.lbl_fin.setText(QCoreApplication.translate("AtelierForm", u"Fin :", None))
#if QT_CONFIG(accessibility)
        self.fin.setAccessibleName(QCoreApplication.translate("AtelierForm", u"Fin", None))
#endif // QT_CONFIG(accessibility)
        self.err_fin.setStyleSheet(QCoreApplication.translate("AtelierForm", u"color: #b00020;", None))
        self.err_fin.setText("")
        self.lbl_lieu.setText(QCoreApplication.translate("AtelierForm", u"Lieu :", None))
#if QT_CONFIG(accessibility)
        self.lieu.setAccessibleName(QCoreApplication.translate("AtelierForm", u"Lieu", None))
#endif // QT_CONFIG(accessibility)
        self.err_lieu.setStyleSheet(QCoreApplication.translate("AtelierForm", u"color: #b00020;", None))
        self.err_lieu.setText("")
        self.lbl_commune_insee.setText(QCoreApplication.translate("AtelierForm", u"Commune :", None))
#if QT_CONFIG(accessibility)
        self.commune_insee.setAccessibleName(QCoreApplication.translate("AtelierForm", u"Commune", None))
#endif // QT_CONFIG(accessibility)
        self.commune_insee.setPlaceholderText(QCoreApplication.translate("AtelierForm", u"Tapez le nom de la commune", None))
        self.err_commune_insee.setStyleSheet(QCoreApplication.translate("AtelierForm", u"color: #b00020;", None))
        self.err_commune_insee.setText("")
        self.grpDescription.setTitle(QCoreApplication.translate("AtelierForm", u"Description", None))
#if QT_CONFIG(accessibility)
        self.description.setAccessibleName(QCoreApplication.translate("AtelierForm", u"Description", None))
#endif // QT_CONFIG(accessibility)
        self.err_description.setStyleSheet(QCoreApplication.translate("AtelierForm", u"color: #b00020;", None))
        self.err_description.setText("")
    # retranslateUi
