"""The questions a new site starts with, one template per kind of event; the Secretariat edits them.

Used by the data migration (with the historical models) and by tests and the demo.
"""

from events.choices import EventKind

# (code, kind, per session, Dutch, English, low nl, high nl, low en, high en)
AGREE = ("helemaal mee oneens", "helemaal mee eens", "strongly disagree", "strongly agree")
POOR = ("slecht", "uitstekend", "poor", "excellent")
QUESTIONS = [
    (
        "overall",
        "scale",
        False,
        "Hoe beoordeelt u de training als geheel?",
        "How do you rate the training overall?",
        *POOR,
    ),
    (
        "useful",
        "scale",
        False,
        "Ik kan wat ik heb geleerd toepassen in mijn organisatie.",
        "I can apply what I learned in my organisation.",
        *AGREE,
    ),
    ("session", "scale", True, "Hoe beoordeelt u deze bijeenkomst?", "How do you rate this session?", *POOR),
    (
        "recommend",
        "recommend",
        False,
        "Hoe waarschijnlijk is het dat u deze training aanbeveelt aan een collega?",
        "How likely are you to recommend this training to a colleague?",
        "zeer onwaarschijnlijk",
        "zeer waarschijnlijk",
        "not at all likely",
        "extremely likely",
    ),
    ("best", "open", False, "Wat vond u het sterkste punt?", "What did you like best?", "", "", "", ""),
    (
        "follow_up",
        "topic",
        False,
        "Over welk onderwerp wilt u een vervolgtraining?",
        "Which topic would you like a follow-up training on?",
        "",
        "",
        "",
        "",
    ),
]
NAMES = {
    EventKind.ROADSHOW: ("Evaluatie roadshow", "Hartelijk dank voor uw deelname. Het invullen duurt twee minuten."),
    EventKind.INTERVISION: ("Evaluatie intervisie", "Hartelijk dank voor uw deelname aan de intervisiegroep."),
    EventKind.NEVI: ("Evaluatie NEVI-leergang", "Hartelijk dank voor uw deelname aan de leergang."),
    EventKind.EXPERT: ("Evaluatie Local Expert Network", "Hartelijk dank voor uw deelname."),
}
INTRO_EN = "Thank you for taking part. Filling this in takes two minutes."


def create_default_templates(template_model, question_model):
    """One template per kind that has none yet (models as arguments: historical or current)."""
    made = []
    for kind, (name, intro) in NAMES.items():
        if template_model.objects.filter(kind=kind).exists():
            continue
        template = template_model.objects.create(name=name, kind=kind, intro_nl=intro, intro_en=INTRO_EN)
        for order, (code, qkind, per_session, nl, en, low_nl, high_nl, low_en, high_en) in enumerate(QUESTIONS):
            question_model.objects.create(
                template=template,
                sort_order=order,
                code=code,
                kind=qkind,
                per_session=per_session,
                text_nl=nl,
                text_en=en,
                low_label_nl=low_nl,
                high_label_nl=high_nl,
                low_label_en=low_en,
                high_label_en=high_en,
            )
        made.append(template)
    return made
