"""The participants app's tables, schedules and triggers, squashed from 0001-0009 (twelve files, three
of them merges of parallel branches) into one linear start.

A database migrated before the squash has every replaced migration recorded, so Django counts this
one as applied and runs nothing; a new database gets the final tables, then the data that the
replaced migrations wrote and that a new site still needs:

- the django-q2 schedules (release expired holds every 5 minutes, requeue stale outbox emails every
  10, calendar reminders hourly, retention every night at 03:00); update_or_create by name, so
  running them again changes nothing;
- the Secretariat's "view site" permission, so it reads the audit entries that hang on the Site;
- the database triggers that keep Registration.sessions_checked_in (participants/checkin/triggers.py).

Left out, because a new database has nothing to convert: 0009's hashing and sealing of plain links
and check-in codes. A database still before 0009 must run the previous release's migrations first.
"""


import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
import participants.hashed_secrets
import uuid
from django.conf import settings
from django.db import migrations, models


from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.management import create_permissions

from participants.checkin import triggers

SCHEDULES = [
    # (name, func, schedule type, minutes): the names are those the replaced migrations used.
    ("release expired registration holds", "participants.tasks.release_expired_holds_task", "I", 5),
    ("requeue stale outbox emails", "participants.tasks.requeue_stale_emails_task", "I", 10),
    ("participants.send_due_reminders", "participants.tasks.send_due_reminders_task", "H", None),
    ("apply_retention", "participants.tasks.apply_retention_task", "D", None),
]


def next_night():
    zone = ZoneInfo(settings.TIME_ZONE)
    tomorrow = datetime.now(zone).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(3, 0), tzinfo=zone)


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func, schedule_type, minutes in SCHEDULES:
        defaults = {"func": func, "schedule_type": schedule_type, "repeats": -1}
        if minutes:
            defaults["minutes"] = minutes
        if schedule_type == "D":
            defaults["next_run"] = next_night()
        Schedule.objects.update_or_create(name=name, defaults=defaults)


def remove_schedules(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=[s[0] for s in SCHEDULES]).delete()


def secretariat_sees_site_entries(apps, schema_editor):
    # Wagtail shows a log entry to users with a permission on its object's type.
    app_config = apps.get_app_config("wagtailcore")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth.Permission")
    permission = Permission.objects.filter(content_type__app_label="wagtailcore", codename="view_site").first()
    if permission is not None:
        group, _ = apps.get_model("auth.Group").objects.get_or_create(name="Secretariat")
        group.permissions.add(permission)


def install_triggers(apps, schema_editor):
    triggers.recount(schema_editor.connection)  # before the triggers, which would count each twice
    triggers.install(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ("participants", "0001_initial"),
        ("participants", "0002_calendar_invites"),
        ("participants", "0002_checkin_scanlog"),
        ("participants", "0002_registration_schedules"),
        ("participants", "0002_retention_schedule"),
        ("participants", "0003_reminder_schedule"),
        ("participants", "0004_merge_20261124_1949"),
        ("participants", "0005_merge_0002_checkin_scanlog_0004_merge_20261124_1949"),
        ("participants", "0006_merge_20261124_1950"),
        ("participants", "0007_registration_sessions_checked_in"),
        ("participants", "0008_registration_cancelled_index"),
        ("participants", "0009_hashed_secrets"),
    ]

    dependencies = [
        ('events', '0003_access_permissions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.CreateModel(
            name='Organisation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('normalised_name', models.CharField(editable=False, max_length=200, unique=True, verbose_name='normalised name')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
            ],
            options={
                'verbose_name': 'organisation',
                'verbose_name_plural': 'organisations',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Participant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='email address')),
                ('first_name', models.CharField(max_length=100, verbose_name='first name')),
                ('last_name', models.CharField(max_length=100, verbose_name='last name')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                ('job_title', models.CharField(blank=True, max_length=150, verbose_name='job title')),
                ('preferred_language', models.CharField(choices=[('nl', 'Dutch'), ('en', 'English')], default='nl', max_length=2, verbose_name='preferred language')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created')),
                ('anonymised_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='anonymised')),
                ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='participants', to='participants.organisation', verbose_name='organisation')),
            ],
            options={
                'verbose_name': 'participant',
                'verbose_name_plural': 'participants',
                'ordering': ['last_name', 'first_name'],
            },
        ),
        migrations.CreateModel(
            name='Registration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('pending', 'Awaiting email confirmation'), ('awaiting_approval', 'Awaiting approval'), ('confirmed', 'Confirmed'), ('waitlisted', 'On the waiting list'), ('cancelled', 'Cancelled')], default='pending', max_length=20, verbose_name='status')),
                ('source', models.CharField(choices=[('web', 'Registration form'), ('admin', 'Added by an organiser'), ('walk_in', 'Walk-in at the door'), ('intervision', 'Intervision group membership')], default='web', max_length=20, verbose_name='source')),
                ('stakeholder_type', models.CharField(choices=[('company', 'Company'), ('government', 'Government'), ('ngo', 'NGO'), ('trade_union', 'Trade union'), ('sector_association', 'Sector association'), ('knowledge_institution', 'Knowledge institution'), ('other', 'Other')], max_length=30, verbose_name='stakeholder type')),
                ('company_size', models.CharField(blank=True, choices=[('sme', 'SME (under 250 employees)'), ('large', 'Large company (250 employees or more)')], max_length=10, verbose_name='company size')),
                ('sector', models.CharField(blank=True, max_length=150, verbose_name='sector')),
                ('job_title', models.CharField(blank=True, max_length=150, verbose_name='job title')),
                ('dietary_needs', models.TextField(blank=True, verbose_name='dietary needs')),
                ('accessibility_needs', models.TextField(blank=True, verbose_name='accessibility needs')),
                ('needs_deleted_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('language', models.CharField(choices=[('nl', 'Dutch'), ('en', 'English')], default='nl', max_length=2, verbose_name='language')),
                ('consent_at', models.DateTimeField(blank=True, null=True, verbose_name='privacy consent given')),
                ('access_token_sealed', models.TextField(default=participants.hashed_secrets.new_sealed_secret, editable=False)),
                ('access_token_hash', participants.hashed_secrets.SecretHashField(purpose='link', sealed_field='access_token_sealed', unique=True)),
                ('checkin_code_sealed', models.TextField(default=participants.hashed_secrets.new_sealed_secret, editable=False)),
                ('checkin_code_hash', participants.hashed_secrets.SecretHashField(purpose='checkin', sealed_field='checkin_code_sealed', unique=True)),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='registered')),
                ('hold_expires_at', models.DateTimeField(blank=True, null=True, verbose_name='seat held until')),
                ('email_confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='email confirmed')),
                ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='confirmed')),
                ('waitlisted_at', models.DateTimeField(blank=True, null=True, verbose_name='waitlisted')),
                ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='cancelled')),
                ('cancelled_by_participant', models.BooleanField(default=False)),
                ('reminder_sent_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('sessions_checked_in', models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='sessions checked in')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='events.eventpage', verbose_name='event')),
                ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='participants.organisation', verbose_name='organisation')),
                ('participant', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='participants.participant', verbose_name='participant')),
            ],
            options={
                'verbose_name': 'registration',
                'verbose_name_plural': 'registrations',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='OutboxEmail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=200, unique=True)),
                ('to', models.EmailField(max_length=254, verbose_name='to')),
                ('subject', models.CharField(max_length=300, verbose_name='subject')),
                ('body_text', models.TextField(verbose_name='text')),
                ('body_html', models.TextField(blank=True, verbose_name='HTML')),
                ('calendar', models.TextField(blank=True)),
                ('calendar_method', models.CharField(blank=True, max_length=20)),
                ('attachments', models.JSONField(blank=True, default=list)),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed')], default='queued', max_length=20, verbose_name='status')),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('last_error', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ('claimed_at', models.DateTimeField(blank=True, null=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('registration', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='emails', to='participants.registration')),
            ],
            options={
                'verbose_name': 'email',
                'verbose_name_plural': 'outbox',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='CalendarInvite',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uid', models.UUIDField()),
                ('sequence', models.PositiveIntegerField()),
                ('fingerprint', models.CharField(blank=True, max_length=64)),
                ('cancelled', models.BooleanField(default=False)),
                ('sent_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_invites', to='participants.registration')),
            ],
            options={
                'verbose_name': 'calendar invite',
                'verbose_name_plural': 'calendar invites',
            },
        ),
        migrations.CreateModel(
            name='Attendance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('checked_in_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='checked in')),
                ('method', models.CharField(choices=[('qr', 'QR code'), ('manual', 'By hand'), ('offline', 'QR code, offline'), ('walk_in', 'Walk-in'), ('list', 'Attendance list')], default='qr', max_length=20, verbose_name='method')),
                ('nonce', models.CharField(blank=True, max_length=64)),
                ('undone_at', models.DateTimeField(blank=True, null=True, verbose_name='undone')),
                ('checked_in_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='checked in by')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='attendances', to='events.eventsession', verbose_name='session')),
                ('undone_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('registration', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='attendances', to='participants.registration', verbose_name='registration')),
            ],
            options={
                'verbose_name': 'attendance',
                'verbose_name_plural': 'attendance',
                'ordering': ['-checked_in_at'],
            },
        ),
        migrations.CreateModel(
            name='ScanLog',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('scan', 'QR code scanned'), ('manual', 'Checked in by hand'), ('offline', 'Sent after scanning offline'), ('undo', 'Undo')], default='scan', max_length=20, verbose_name='action')),
                ('status', models.CharField(choices=[('ok', 'Checked in'), ('already_checked_in', 'Already checked in'), ('invalid', 'Invalid code'), ('cancelled', 'Registration cancelled'), ('waitlisted', 'On the waiting list'), ('wrong_event', 'Registered for another event'), ('not_allowed', 'Not allowed'), ('undone', 'Check-in undone')], max_length=30, verbose_name='result')),
                ('reason', models.CharField(blank=True, max_length=40, verbose_name='reason')),
                ('code_sha256', models.CharField(blank=True, max_length=64)),
                ('nonce', models.CharField(blank=True, max_length=64)),
                ('scanned_at', models.DateTimeField(blank=True, null=True, verbose_name='scanned')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='received')),
                ('registration', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='scans', to='participants.registration', verbose_name='registration')),
                ('session', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='events.eventsession', verbose_name='session')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='scanned by')),
            ],
            options={
                'verbose_name': 'scan',
                'verbose_name_plural': 'scans',
                'ordering': ['-created_at'],
            },
        ),
        migrations.AddConstraint(
            model_name='participant',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('email'), name='participant_email_ci_unique'),
        ),
        migrations.AddIndex(
            model_name='registration',
            index=models.Index(fields=['event', 'status', 'stakeholder_type'], name='participant_event_i_a7bbed_idx'),
        ),
        migrations.AddIndex(
            model_name='registration',
            index=models.Index(fields=['event', 'stakeholder_type', 'company_size', 'status', 'sessions_checked_in'], name='registration_report_cells'),
        ),
        migrations.AddIndex(
            model_name='registration',
            index=models.Index(fields=['participant', 'stakeholder_type', 'event', 'status', 'sessions_checked_in'], name='registration_report_people'),
        ),
        migrations.AddIndex(
            model_name='registration',
            index=models.Index(fields=['organisation', 'stakeholder_type', 'company_size', 'event', 'status', 'sessions_checked_in'], name='registration_report_orgs'),
        ),
        migrations.AddIndex(
            model_name='registration',
            index=models.Index(condition=models.Q(('status', 'cancelled')), fields=['status'], name='registration_cancelled'),
        ),
        migrations.AddConstraint(
            model_name='registration',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'cancelled'), _negated=True), fields=('event', 'participant'), name='one_active_registration_per_person_per_event'),
        ),
        migrations.AddConstraint(
            model_name='calendarinvite',
            constraint=models.UniqueConstraint(fields=('registration', 'uid'), name='one_calendar_invite_per_session'),
        ),
        migrations.AddIndex(
            model_name='attendance',
            index=models.Index(condition=models.Q(('undone_at__isnull', True)), fields=['session', 'registration'], name='attendance_counted_by_session'),
        ),
        migrations.AddConstraint(
            model_name='attendance',
            constraint=models.UniqueConstraint(condition=models.Q(('undone_at__isnull', True)), fields=('registration', 'session'), name='one_checkin_per_registration_per_session'),
        ),
        migrations.RunPython(create_schedules, remove_schedules),
        migrations.RunPython(secretariat_sees_site_entries, migrations.RunPython.noop),
        migrations.RunPython(install_triggers, drop_triggers),
    ]
