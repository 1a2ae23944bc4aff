"""Questions of an event's own and their answers; the Organisers and the Secretariat manage questions.

Organisers reach only their own events' questions (the access policy, through Question.objects.visible_to).
"""

import django.db.models.deletion
import django.utils.timezone
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

ROLES = {"Organisers": ("add", "change", "delete", "view"), "Secretariat": ("add", "change", "delete", "view")}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("participants")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth.Permission")
    for name, actions in ROLES.items():
        group, _ = apps.get_model("auth.Group").objects.get_or_create(name=name)
        for action in actions:
            permission = Permission.objects.filter(
                content_type__app_label="participants", codename=f"{action}_question"
            ).first()
            if permission is not None:
                group.permissions.add(permission)


def revoke(apps, schema_editor):
    apps.get_model("auth.Permission").objects.filter(
        content_type__app_label="participants", codename__endswith="_question"
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0003_access_permissions'),
        ('participants', '0001_squashed_0009_hashed_secrets'),
    ]

    operations = [
        migrations.CreateModel(
            name='Question',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('short_text', 'Short text'), ('long_text', 'Long text'), ('one_choice', 'One choice'), ('several_choices', 'Several choices'), ('yes_no', 'Yes or no'), ('number', 'Number')], max_length=20, verbose_name='kind of answer')),
                ('text_nl', models.CharField(max_length=300, verbose_name='question in Dutch')),
                ('text_en', models.CharField(blank=True, max_length=300, verbose_name='question in English')),
                ('help_nl', models.CharField(blank=True, max_length=300, verbose_name='explanation in Dutch')),
                ('help_en', models.CharField(blank=True, max_length=300, verbose_name='explanation in English')),
                ('choices_nl', models.TextField(blank=True, help_text='One choice a line.', verbose_name='choices in Dutch')),
                ('choices_en', models.TextField(blank=True, help_text='One choice a line, in the same order as the Dutch.', verbose_name='choices in English')),
                ('required', models.BooleanField(default=False, verbose_name='required')),
                ('stakeholder_types', models.JSONField(blank=True, default=list, verbose_name='asked of')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='events.eventpage', verbose_name='event')),
                ('programme', models.ForeignKey(blank=True, help_text="A programme's question is asked at every event of it.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='events.programmepage', verbose_name='programme')),
            ],
            options={
                'verbose_name': 'question',
                'verbose_name_plural': 'questions',
                'ordering': ['sort_order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Answer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('question_text', models.CharField(max_length=300, verbose_name='question as asked')),
                ('value', models.JSONField(blank=True, null=True, verbose_name='answer')),
                ('answered_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='answered')),
                ('erased_at', models.DateTimeField(blank=True, null=True, verbose_name='erased')),
                ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='participants.registration', verbose_name='registration')),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='participants.question', verbose_name='question')),
            ],
            options={
                'verbose_name': 'answer',
                'verbose_name_plural': 'answers',
                'ordering': ['question__sort_order', 'question_id'],
            },
        ),
        migrations.AddConstraint(
            model_name='question',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('event__isnull', False), ('programme__isnull', True)), models.Q(('event__isnull', True), ('programme__isnull', False)), _connector='OR'), name='question_of_an_event_or_a_programme'),
        ),
        migrations.AddConstraint(
            model_name='answer',
            constraint=models.UniqueConstraint(fields=('registration', 'question'), name='one_answer_per_question'),
        ),
        migrations.RunPython(grant, revoke),
    ]
