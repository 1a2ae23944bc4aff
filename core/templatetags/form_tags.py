"""Form fields in the NL Design System's markup (site/templates/includes/form_field.html): the widget
with the Utrecht component's class, a width fitted to what it holds, and the hint and error linked."""

from django import forms, template

register = template.Library()

TEXT_INPUTS = (forms.TextInput, forms.EmailInput, forms.URLInput, forms.NumberInput, forms.PasswordInput)


def widget_kind(bound_field):
    widget = bound_field.field.widget
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "textbox"


def width(bound_field):
    """A width class for text fields: short for numbers and short codes, medium for names and emails."""
    field = bound_field.field
    if isinstance(field.widget, forms.NumberInput):
        return "covenant-width-xs"
    max_length = getattr(field, "max_length", None)
    if max_length and max_length <= 12:
        return "covenant-width-sm"
    if isinstance(field.widget, (forms.EmailInput, forms.TextInput)) and (max_length or 255) <= 320:
        return "covenant-width-md"
    return "covenant-width-lg"


def described_by(bound_field):
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}_error")
    return " ".join(ids)


@register.filter
def field_kind(bound_field):
    return widget_kind(bound_field)


@register.filter
def utrecht_widget(bound_field):
    """Render the field's widget with the Utrecht component class, aria-invalid and aria-describedby."""
    kind = widget_kind(bound_field)
    invalid = bool(bound_field.errors)
    classes = {
        "textbox": f"utrecht-textbox utrecht-textbox--html-input {width(bound_field)}",
        "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
        "select": "utrecht-select utrecht-select--html-select",
        "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    }[kind]
    if invalid and kind in ("textbox", "textarea", "select"):
        classes += f" utrecht-{kind}--invalid"
    own = bound_field.field.widget.attrs.get("class", "")
    attrs = {"class": f"{own} {classes}".strip()}
    if invalid:
        attrs["aria-invalid"] = "true"
    if described := described_by(bound_field):
        attrs["aria-describedby"] = described
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag
def utrecht_option(bound_field, option):
    """One radio button or checkbox of a choice field, with the Utrecht component class."""
    kind = "radio-button" if option.data["type"] == "radio" else "checkbox"
    attrs = dict(option.data["attrs"])
    attrs["class"] = f"utrecht-{kind} utrecht-{kind}--html-input"
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        if kind == "radio-button":
            attrs["class"] += " utrecht-radio-button--invalid"
    option.data["attrs"] = attrs
    return option.tag()
