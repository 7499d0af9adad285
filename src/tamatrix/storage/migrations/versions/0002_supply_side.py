"""supply side: providers, offers, activities, matches, focal points

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "providers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("org_ref", sa.String(length=120), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('un_entity', 'bilateral', 'regional_org', 'international_org', 'state', 'civil_society', 'other')",
            name=op.f("ck_providers_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_providers")),
        sa.UniqueConstraint("org_ref", name=op.f("uq_providers_org_ref")),
    )
    with op.batch_alter_table("providers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_providers_name"), ["name"], unique=False)

    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("source_id", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=1000), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("budget", sa.Float(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("aid_type", sa.String(length=10), nullable=True),
        sa.Column("reported_by", sa.String(length=3), nullable=True),
        sa.Column("regions", sa.JSON(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "source <> 'state_report' OR reported_by IS NOT NULL",
            name=op.f("ck_activities_state_report"),
        ),
        sa.CheckConstraint(
            "source IN ('iati', 'csv', 'manual', 'state_report')", name=op.f("ck_activities_source")
        ),
        sa.CheckConstraint(
            "status IN ('planned', 'ongoing', 'completed', 'cancelled', 'suspended')",
            name=op.f("ck_activities_status"),
        ),
        sa.CheckConstraint("budget IS NULL OR budget >= 0", name=op.f("ck_activities_budget")),
        sa.CheckConstraint(
            "start_date IS NULL OR end_date IS NULL OR end_date >= start_date",
            name=op.f("ck_activities_period"),
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["providers.id"],
            name=op.f("fk_activities_provider_id_providers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reported_by"], ["states.iso3"], name=op.f("fk_activities_reported_by_states")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
        sa.UniqueConstraint("source", "source_id", name=op.f("uq_activities_source")),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activities_provider_id"), ["provider_id"], unique=False
        )

    op.create_table(
        "focal_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=300), nullable=True),
        sa.Column("role", sa.String(length=300), nullable=False),
        sa.Column("state", sa.String(length=3), nullable=True),
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(state IS NULL AND provider_id IS NOT NULL) OR (state IS NOT NULL AND provider_id IS NULL)",
            name=op.f("ck_focal_points_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["providers.id"],
            name=op.f("fk_focal_points_provider_id_providers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["state"], ["states.iso3"], name=op.f("fk_focal_points_state_states")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_focal_points")),
    )
    with op.batch_alter_table("focal_points", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_focal_points_provider_id"), ["provider_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_focal_points_state"), ["state"], unique=False)

    op.create_table(
        "offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("subcategories", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("regions", sa.JSON(), nullable=False),
        sa.Column("modality", sa.String(length=20), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "modality IN ('peer_exchange', 'training', 'advisory', 'equipment', 'research', 'other')",
            name=op.f("ck_offers_modality"),
        ),
        sa.CheckConstraint("capacity IS NULL OR capacity >= 0", name=op.f("ck_offers_capacity")),
        sa.CheckConstraint(
            "valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from",
            name=op.f("ck_offers_validity"),
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["providers.id"],
            name=op.f("fk_offers_provider_id_providers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
        sa.UniqueConstraint("provider_id", "reference", name=op.f("uq_offers_provider_id")),
    )
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offers_provider_id"), ["provider_id"], unique=False)

    op.create_table(
        "activity_articles",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("article", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "method IN ('crosswalk', 'keyword', 'reference', 'manual')",
            name=op.f("ck_activity_articles_method"),
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_articles_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["article"], ["articles.number"], name=op.f("fk_activity_articles_article_articles")
        ),
        sa.PrimaryKeyConstraint("activity_id", "article", name=op.f("pk_activity_articles")),
    )
    with op.batch_alter_table("activity_articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_articles_article"), ["article"], unique=False)

    op.create_table(
        "activity_categories",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.CheckConstraint(
            "category IN ('capacity_building', 'legislative_assistance', 'institution_building', 'policymaking', 'research_data', 'international_cooperation', 'other')",
            name=op.f("ck_activity_categories_category"),
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_categories_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", "category", name=op.f("pk_activity_categories")),
    )
    op.create_table(
        "activity_recipients",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=3), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_recipients_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["state"], ["states.iso3"], name=op.f("fk_activity_recipients_state_states")
        ),
        sa.PrimaryKeyConstraint("activity_id", "state", name=op.f("pk_activity_recipients")),
    )
    with op.batch_alter_table("activity_recipients", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_recipients_state"), ["state"], unique=False)

    op.create_table(
        "offer_articles",
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("article", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article"], ["articles.number"], name=op.f("fk_offer_articles_article_articles")
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["offers.id"],
            name=op.f("fk_offer_articles_offer_id_offers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("offer_id", "article", name=op.f("pk_offer_articles")),
    )
    with op.batch_alter_table("offer_articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offer_articles_article"), ["article"], unique=False)

    op.create_table(
        "offer_categories",
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.CheckConstraint(
            "category IN ('capacity_building', 'legislative_assistance', 'institution_building', 'policymaking', 'research_data', 'international_cooperation', 'other')",
            name=op.f("ck_offer_categories_category"),
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["offers.id"],
            name=op.f("fk_offer_categories_offer_id_offers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("offer_id", "category", name=op.f("pk_offer_categories")),
    )
    op.create_table(
        "matches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("candidate", sa.String(length=40), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=True),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("peer_provider_id", sa.Integer(), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status = 'suggested' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL)",
            name=op.f("ck_matches_decision"),
        ),
        sa.CheckConstraint(
            "status IN ('suggested', 'accepted', 'rejected')", name=op.f("ck_matches_status")
        ),
        sa.CheckConstraint(
            "(CASE WHEN offer_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN activity_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN peer_provider_id IS NULL THEN 0 ELSE 1 END) = 1",
            name=op.f("ck_matches_one_candidate"),
        ),
        sa.CheckConstraint("score >= 0", name=op.f("ck_matches_score")),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_matches_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["need_id"], ["needs.id"], name=op.f("fk_matches_need_id_needs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_matches_offer_id_offers"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["peer_provider_id"],
            ["providers.id"],
            name=op.f("fk_matches_peer_provider_id_providers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matches")),
        sa.UniqueConstraint("need_id", "candidate", name=op.f("uq_matches_need_id")),
    )
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_matches_activity_id"), ["activity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_matches_need_id"), ["need_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_matches_offer_id"), ["offer_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_matches_peer_provider_id"), ["peer_provider_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matches_peer_provider_id"))
        batch_op.drop_index(batch_op.f("ix_matches_offer_id"))
        batch_op.drop_index(batch_op.f("ix_matches_need_id"))
        batch_op.drop_index(batch_op.f("ix_matches_activity_id"))

    op.drop_table("matches")
    op.drop_table("offer_categories")
    with op.batch_alter_table("offer_articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offer_articles_article"))

    op.drop_table("offer_articles")
    with op.batch_alter_table("activity_recipients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_recipients_state"))

    op.drop_table("activity_recipients")
    op.drop_table("activity_categories")
    with op.batch_alter_table("activity_articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_articles_article"))

    op.drop_table("activity_articles")
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offers_provider_id"))

    op.drop_table("offers")
    with op.batch_alter_table("focal_points", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_focal_points_state"))
        batch_op.drop_index(batch_op.f("ix_focal_points_provider_id"))

    op.drop_table("focal_points")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activities_provider_id"))

    op.drop_table("activities")
    with op.batch_alter_table("providers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_providers_name"))

    op.drop_table("providers")
