terraform {
  required_version = ">= 1.5.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.10"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.7"
    }
  }
}

provider "google" {
  project        = var.project
  region         = var.region
  default_labels = var.labels
}

variable "project" {
  description = "Google Cloud project id to deploy into"
  type        = string
}

variable "region" {
  description = "Google Cloud region to deploy into"
  type        = string
  default     = "us-central1"
}

variable "name_prefix" {
  description = "prefix of every resource name"
  type        = string
  default     = "orders-api"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.name_prefix))
    error_message = "name_prefix: 1-20 lowercase letters, digits or hyphens."
  }
}

variable "labels" {
  description = "labels applied to every resource (provider default_labels)"
  type        = map(string)
  default = {
    autodeploy_deployment = "orders_api"
    environment           = "prod"
    team                  = "orders"
  }
}

data "archive_file" "worker" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/.build/worker.zip"
}

data "google_project" "current" {}

resource "google_compute_network" "core" {
  name                            = "${var.name_prefix}-core"
  auto_create_subnetworks         = false
  routing_mode                    = "REGIONAL"
  delete_default_routes_on_create = false
}

resource "google_compute_subnetwork" "core_public" {
  count                    = 2
  name                     = "${var.name_prefix}-core-public-${count.index}"
  network                  = google_compute_network.core.id
  region                   = var.region
  ip_cidr_range            = cidrsubnet("10.20.0.0/16", 8, count.index + 0)
  private_ip_google_access = true

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_subnetwork" "core_private" {
  count                    = 2
  name                     = "${var.name_prefix}-core-private-${count.index}"
  network                  = google_compute_network.core.id
  region                   = var.region
  ip_cidr_range            = cidrsubnet("10.20.0.0/16", 8, count.index + 128)
  private_ip_google_access = true

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_firewall" "core_deny_ingress" {
  name      = "${var.name_prefix}-core-deny-ingress"
  network   = google_compute_network.core.id
  direction = "INGRESS"
  priority  = 65534

  deny {
    protocol = "all"
  }

  source_ranges = ["0.0.0.0/0"]

  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_router" "core" {
  name    = "${var.name_prefix}-core-router"
  network = google_compute_network.core.id
  region  = var.region
}

resource "google_compute_router_nat" "core" {
  name                               = "${var.name_prefix}-core-nat"
  router                             = google_compute_router.core.name
  region                             = var.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"

  log_config {
    enable = true
    filter = "ERRORS_ONLY"
  }
}

resource "google_kms_key_ring" "autodeploy" {
  name     = "${var.name_prefix}-keys"
  location = var.region
}

resource "google_kms_crypto_key" "data_key" {
  name                       = "${var.name_prefix}-data-key"
  key_ring                   = google_kms_key_ring.autodeploy.id
  purpose                    = "ENCRYPT_DECRYPT"
  rotation_period            = "7776000s"
  destroy_scheduled_duration = "2592000s"
  labels = {
    autodeploy_resource = "data_key"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "google_pubsub_topic" "jobs_dlq" {
  name                       = "${var.name_prefix}-jobs-dlq"
  kms_key_name               = google_kms_crypto_key.data_key.id
  message_retention_duration = "345600s"
  labels = {
    autodeploy_resource = "jobs_dlq"
  }
}

resource "google_pubsub_subscription" "jobs_dlq" {
  name                       = "${var.name_prefix}-jobs-dlq"
  topic                      = google_pubsub_topic.jobs_dlq.id
  ack_deadline_seconds       = 30
  message_retention_duration = "345600s"

  expiration_policy {
    ttl = ""
  }

  labels = {
    autodeploy_resource = "jobs_dlq"
  }
}

resource "google_pubsub_topic" "jobs" {
  name                       = "${var.name_prefix}-jobs"
  kms_key_name               = google_kms_crypto_key.data_key.id
  message_retention_duration = "345600s"
  labels = {
    autodeploy_resource = "jobs"
  }
}

resource "google_pubsub_subscription" "jobs" {
  name                       = "${var.name_prefix}-jobs"
  topic                      = google_pubsub_topic.jobs.id
  ack_deadline_seconds       = 30
  message_retention_duration = "345600s"

  expiration_policy {
    ttl = ""
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.jobs_dlq.id
    max_delivery_attempts = 5
  }

  labels = {
    autodeploy_resource = "jobs"
  }

  push_config {
    push_endpoint = google_cloudfunctions2_function.worker.service_config[0].uri

    oidc_token {
      service_account_email = google_service_account.worker_sa.email
    }
  }
}

resource "google_pubsub_topic_iam_member" "jobs_dead_letter_publisher" {
  topic  = google_pubsub_topic.jobs_dlq.name
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:service-${data.google_project.current.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_subscription_iam_member" "jobs_dead_letter_subscriber" {
  subscription = google_pubsub_subscription.jobs.name
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:service-${data.google_project.current.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_compute_global_address" "core_services" {
  name          = "${var.name_prefix}-core-services"
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  prefix_length = 16
  network       = google_compute_network.core.id
}

resource "google_service_networking_connection" "core" {
  network                 = google_compute_network.core.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.core_services.name]
}

resource "google_sql_database_instance" "orders" {
  name                = "${var.name_prefix}-orders"
  database_version    = "POSTGRES_16"
  region              = var.region
  encryption_key_name = google_kms_crypto_key.data_key.id
  deletion_protection = true

  settings {
    tier                        = "db-custom-2-4096"
    edition                     = "ENTERPRISE"
    availability_type           = "ZONAL"
    disk_type                   = "PD_SSD"
    disk_size                   = 50
    disk_autoresize             = true
    deletion_protection_enabled = true

    ip_configuration {
      ipv4_enabled                                  = false
      ssl_mode                                      = "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"
      private_network                               = google_compute_network.core.id
      enable_private_path_for_google_cloud_services = true
    }

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
      transaction_log_retention_days = 7

      backup_retention_settings {
        retained_backups = 7
      }
    }

    database_flags {
      name  = "log_checkpoints"
      value = "on"
    }

    database_flags {
      name  = "log_connections"
      value = "on"
    }

    database_flags {
      name  = "log_disconnections"
      value = "on"
    }

    database_flags {
      name  = "log_lock_waits"
      value = "on"
    }

    database_flags {
      name  = "log_min_messages"
      value = "error"
    }

    database_flags {
      name  = "log_min_error_statement"
      value = "error"
    }

    database_flags {
      name  = "log_hostname"
      value = "on"
    }

    database_flags {
      name  = "log_duration"
      value = "on"
    }

    database_flags {
      name  = "log_statement"
      value = "ddl"
    }

    database_flags {
      name  = "log_min_duration_statement"
      value = "-1"
    }

    database_flags {
      name  = "log_temp_files"
      value = "0"
    }

    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = "on"
    }

    user_labels = {
      autodeploy_resource = "orders"
    }
  }

  depends_on = [google_service_networking_connection.core]
}

resource "random_password" "orders_db" {
  length  = 32
  special = false
}

resource "google_sql_user" "orders" {
  name     = "app"
  instance = google_sql_database_instance.orders.name
  password = random_password.orders_db.result
}

resource "google_redis_instance" "sessions" {
  name                    = "${var.name_prefix}-sessions"
  tier                    = "BASIC"
  memory_size_gb          = 5
  region                  = var.region
  redis_version           = "REDIS_7_2"
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"
  labels = {
    autodeploy_resource = "sessions"
  }
  authorized_network = google_compute_network.core.id
  connect_mode       = "PRIVATE_SERVICE_ACCESS"
  depends_on         = [google_service_networking_connection.core]

  persistence_config {
    persistence_mode    = "RDB"
    rdb_snapshot_period = "TWENTY_FOUR_HOURS"
  }
}

resource "google_service_account" "api_sa" {
  account_id   = "ad-api-c412"
  display_name = "orders_api service api (autodeploy)"
}

resource "google_cloud_run_v2_service" "api" {
  name                = "${var.name_prefix}-api"
  location            = var.region
  ingress             = "INGRESS_TRAFFIC_INTERNAL_ONLY"
  deletion_protection = true

  template {
    service_account = google_service_account.api_sa.email

    scaling {
      min_instance_count = 2
      max_instance_count = 2
    }

    containers {
      image = "ghcr.io/acme/orders-api:1.4"

      ports {
        container_port = 8080
      }

      resources {
        limits = {
          cpu    = "1000m"
          memory = "2048Mi"
        }
        cpu_idle = false
      }

      startup_probe {
        http_get {
          path = "/health"
          port = 8080
        }

        period_seconds    = 10
        failure_threshold = 3
      }

      liveness_probe {
        http_get {
          path = "/health"
          port = 8080
        }

        period_seconds    = 10
        failure_threshold = 3
      }
    }

    vpc_access {
      network_interfaces {
        network    = google_compute_network.core.id
        subnetwork = google_compute_subnetwork.core_private[0].id
      }

      egress = "PRIVATE_RANGES_ONLY"
    }
  }

  labels = {
    autodeploy_resource = "api"
  }
}

resource "google_storage_bucket" "autodeploy_logs" {
  name                        = "${var.project}-${var.name_prefix}-logs"
  location                    = upper(var.region)
  force_destroy               = false
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning {
    enabled = true
  }

  retention_policy {
    retention_period = 31536000
  }

  labels = {
    autodeploy_shared = "logs"
  }
}

resource "google_project_iam_audit_config" "trail" {
  project = var.project
  service = "allServices"

  audit_log_config {
    log_type = "ADMIN_READ"
  }

  audit_log_config {
    log_type = "DATA_READ"
  }

  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_logging_project_sink" "trail" {
  name                   = "${var.name_prefix}-trail"
  destination            = "storage.googleapis.com/${google_storage_bucket.autodeploy_logs.name}"
  filter                 = "logName:\"cloudaudit.googleapis.com\""
  unique_writer_identity = true
}

resource "google_storage_bucket_iam_member" "trail_sink_writer" {
  bucket = google_storage_bucket.autodeploy_logs.name
  role   = "roles/storage.objectCreator"
  member = google_logging_project_sink.trail.writer_identity
}

resource "google_service_account" "worker_sa" {
  account_id   = "ad-worker-2de0"
  display_name = "orders_api function worker (autodeploy)"
}

resource "google_storage_bucket" "autodeploy_sources" {
  name                        = "${var.project}-${var.name_prefix}-sources"
  location                    = upper(var.region)
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning {
    enabled = true
  }

  logging {
    log_bucket = google_storage_bucket.autodeploy_logs.name
  }

  labels = {
    autodeploy_shared = "sources"
  }
}

resource "google_storage_bucket_object" "worker_source" {
  name   = "worker-${data.archive_file.worker.output_md5}.zip"
  bucket = google_storage_bucket.autodeploy_sources.name
  source = data.archive_file.worker.output_path
}

resource "google_cloudfunctions2_function" "worker" {
  name     = "${var.name_prefix}-worker"
  location = var.region

  build_config {
    runtime     = "python312"
    entry_point = "handler"

    source {
      storage_source {
        bucket = google_storage_bucket.autodeploy_sources.name
        object = google_storage_bucket_object.worker_source.name
      }
    }
  }

  service_config {
    available_memory               = "1024M"
    timeout_seconds                = 60
    service_account_email          = google_service_account.worker_sa.email
    ingress_settings               = "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision = true
  }

  labels = {
    autodeploy_resource = "worker"
  }
}

resource "google_cloud_run_service_iam_member" "worker_self_invoker" {
  location = var.region
  service  = google_cloudfunctions2_function.worker.name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.worker_sa.email}"
}

resource "google_pubsub_topic_iam_member" "api_jobs_publisher" {
  topic  = google_pubsub_topic.jobs.name
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${google_service_account.api_sa.email}"
}

resource "google_pubsub_subscription_iam_member" "api_jobs_subscriber" {
  subscription = google_pubsub_subscription.jobs.name
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:${google_service_account.api_sa.email}"
}

resource "google_project_iam_member" "api_orders" {
  project = var.project
  role    = "roles/cloudsql.client"
  member  = "serviceAccount:${google_service_account.api_sa.email}"

  condition {
    title      = "only orders"
    expression = "resource.name.startsWith(\"projects/${var.project}/instances/${google_sql_database_instance.orders.name}\")"
  }
}

resource "google_project_iam_member" "worker_orders" {
  project = var.project
  role    = "roles/cloudsql.client"
  member  = "serviceAccount:${google_service_account.worker_sa.email}"

  condition {
    title      = "only orders"
    expression = "resource.name.startsWith(\"projects/${var.project}/instances/${google_sql_database_instance.orders.name}\")"
  }
}

resource "google_kms_crypto_key_iam_member" "data_key_cloudsql_agent" {
  crypto_key_id = google_kms_crypto_key.data_key.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:service-${data.google_project.current.number}@gcp-sa-cloud-sql.iam.gserviceaccount.com"
}

resource "google_kms_crypto_key_iam_member" "data_key_pubsub_agent" {
  crypto_key_id = google_kms_crypto_key.data_key.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:service-${data.google_project.current.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

output "core_network_id" {
  description = "id of network core"
  value       = google_compute_network.core.id
}

output "data_key_key_id" {
  description = "id of key data_key"
  value       = google_kms_crypto_key.data_key.id
}

output "jobs_dlq_subscription" {
  description = "subscription of queue jobs_dlq"
  value       = google_pubsub_subscription.jobs_dlq.id
}

output "jobs_subscription" {
  description = "subscription of queue jobs"
  value       = google_pubsub_subscription.jobs.id
}

output "orders_connection_name" {
  description = "connection name of database orders"
  value       = google_sql_database_instance.orders.connection_name
}

output "orders_password" {
  description = "password of user app on orders"
  value       = random_password.orders_db.result
  sensitive   = true
}

output "sessions_host" {
  description = "host of cache sessions"
  value       = google_redis_instance.sessions.host
}

output "api_url" {
  description = "URL of service api"
  value       = google_cloud_run_v2_service.api.uri
}

output "trail_sink" {
  description = "audit log sink trail"
  value       = google_logging_project_sink.trail.id
}

output "worker_function" {
  description = "id of function worker"
  value       = google_cloudfunctions2_function.worker.id
}
