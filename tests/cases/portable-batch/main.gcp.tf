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
  default     = "batch"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.name_prefix))
    error_message = "name_prefix: 1-20 lowercase letters, digits or hyphens."
  }
}

variable "labels" {
  description = "labels applied to every resource (provider default_labels)"
  type        = map(string)
  default = {
    autodeploy_deployment = "batch"
    environment           = "prod"
  }
}

data "archive_file" "notify" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/.build/notify.zip"
}

data "google_project" "current" {}

data "google_storage_project_service_account" "gcs" {}

resource "google_kms_key_ring" "autodeploy" {
  name     = "${var.name_prefix}-keys"
  location = var.region
}

resource "google_kms_crypto_key" "batch_key" {
  name                       = "${var.name_prefix}-batch-key"
  key_ring                   = google_kms_key_ring.autodeploy.id
  purpose                    = "ENCRYPT_DECRYPT"
  rotation_period            = "7776000s"
  destroy_scheduled_duration = "2592000s"
  labels = {
    autodeploy_resource = "batch_key"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "google_pubsub_topic" "done" {
  name         = "${var.name_prefix}-done"
  kms_key_name = google_kms_crypto_key.batch_key.id
  labels = {
    autodeploy_resource = "done"
  }
}

resource "google_compute_network" "net" {
  name                            = "${var.name_prefix}-net"
  auto_create_subnetworks         = false
  routing_mode                    = "REGIONAL"
  delete_default_routes_on_create = false
}

resource "google_compute_subnetwork" "net_public" {
  count                    = 2
  name                     = "${var.name_prefix}-net-public-${count.index}"
  network                  = google_compute_network.net.id
  region                   = var.region
  ip_cidr_range            = cidrsubnet("10.30.0.0/16", 8, count.index + 0)
  private_ip_google_access = true

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_subnetwork" "net_private" {
  count                    = 2
  name                     = "${var.name_prefix}-net-private-${count.index}"
  network                  = google_compute_network.net.id
  region                   = var.region
  ip_cidr_range            = cidrsubnet("10.30.0.0/16", 8, count.index + 128)
  private_ip_google_access = true

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_firewall" "net_deny_ingress" {
  name      = "${var.name_prefix}-net-deny-ingress"
  network   = google_compute_network.net.id
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

resource "google_compute_router" "net" {
  name    = "${var.name_prefix}-net-router"
  network = google_compute_network.net.id
  region  = var.region
}

resource "google_compute_router_nat" "net" {
  name                               = "${var.name_prefix}-net-nat"
  router                             = google_compute_router.net.name
  region                             = var.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"

  log_config {
    enable = true
    filter = "ERRORS_ONLY"
  }
}

resource "google_compute_global_address" "net_services" {
  name          = "${var.name_prefix}-net-services"
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  prefix_length = 16
  network       = google_compute_network.net.id
}

resource "google_service_networking_connection" "net" {
  network                 = google_compute_network.net.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.net_services.name]
}

resource "google_sql_database_instance" "catalog" {
  name                = "${var.name_prefix}-catalog"
  database_version    = "MYSQL_8_0"
  region              = var.region
  encryption_key_name = google_kms_crypto_key.batch_key.id
  deletion_protection = true

  settings {
    tier                        = "db-custom-2-8192"
    edition                     = "ENTERPRISE"
    availability_type           = "ZONAL"
    disk_type                   = "PD_SSD"
    disk_size                   = 100
    disk_autoresize             = true
    deletion_protection_enabled = true

    ip_configuration {
      ipv4_enabled                                  = false
      ssl_mode                                      = "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"
      private_network                               = google_compute_network.net.id
      enable_private_path_for_google_cloud_services = true
    }

    backup_configuration {
      enabled                        = true
      binary_log_enabled             = true
      transaction_log_retention_days = 7

      backup_retention_settings {
        retained_backups = 7
      }
    }

    database_flags {
      name  = "slow_query_log"
      value = "on"
    }

    database_flags {
      name  = "log_output"
      value = "FILE"
    }

    database_flags {
      name  = "skip_show_database"
      value = "on"
    }

    database_flags {
      name  = "local_infile"
      value = "off"
    }

    user_labels = {
      autodeploy_resource = "catalog"
    }
  }

  depends_on = [google_service_networking_connection.net]
}

resource "random_password" "catalog_db" {
  length  = 32
  special = false
}

resource "google_sql_user" "catalog" {
  name     = "app"
  instance = google_sql_database_instance.catalog.name
  password = random_password.catalog_db.result
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

resource "google_storage_bucket" "raw" {
  name                        = "${var.project}-batch-raw-c69ec213"
  location                    = upper(var.region)
  storage_class               = "STANDARD"
  force_destroy               = false
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning {
    enabled = true
  }

  encryption {
    default_kms_key_name = google_kms_crypto_key.batch_key.id
  }

  logging {
    log_bucket = google_storage_bucket.autodeploy_logs.name
  }

  lifecycle_rule {
    action {
      type          = "SetStorageClass"
      storage_class = "ARCHIVE"
    }

    condition {
      age = 60
    }
  }

  lifecycle_rule {
    action {
      type = "Delete"
    }

    condition {
      days_since_noncurrent_time = 90
      with_state                 = "ARCHIVED"
    }
  }

  labels = {
    autodeploy_resource = "raw"
  }
}

resource "google_firestore_database" "results" {
  name                              = "${var.name_prefix}-results"
  location_id                       = var.region
  type                              = "FIRESTORE_NATIVE"
  concurrency_mode                  = "OPTIMISTIC"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  deletion_policy                   = "ABANDON"

  cmek_config {
    kms_key_name = google_kms_crypto_key.batch_key.id
  }
}

resource "google_service_account" "notify_sa" {
  account_id   = "ad-notify-c45d"
  display_name = "batch function notify (autodeploy)"
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

resource "google_storage_bucket_object" "notify_source" {
  name   = "notify-${data.archive_file.notify.output_md5}.zip"
  bucket = google_storage_bucket.autodeploy_sources.name
  source = data.archive_file.notify.output_path
}

resource "google_cloudfunctions2_function" "notify" {
  name     = "${var.name_prefix}-notify"
  location = var.region

  build_config {
    runtime     = "python312"
    entry_point = "handler"

    source {
      storage_source {
        bucket = google_storage_bucket.autodeploy_sources.name
        object = google_storage_bucket_object.notify_source.name
      }
    }
  }

  service_config {
    available_memory               = "512M"
    timeout_seconds                = 30
    service_account_email          = google_service_account.notify_sa.email
    ingress_settings               = "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision = true
  }

  labels = {
    autodeploy_resource = "notify"
  }
}

resource "google_cloud_run_service_iam_member" "notify_self_invoker" {
  location = var.region
  service  = google_cloudfunctions2_function.notify.name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.notify_sa.email}"
}

resource "google_cloud_scheduler_job" "notify_schedule" {
  name      = "${var.name_prefix}-notify-schedule"
  region    = var.region
  schedule  = "0 */1 * * *"
  time_zone = "Etc/UTC"

  http_target {
    http_method = "POST"
    uri         = google_cloudfunctions2_function.notify.service_config[0].uri

    oidc_token {
      service_account_email = google_service_account.notify_sa.email
    }
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

resource "google_service_account" "workers_sa" {
  account_id   = "ad-workers-2882"
  display_name = "batch vm workers (autodeploy)"
}

resource "google_compute_instance_template" "workers" {
  name_prefix    = "${var.name-prefix}-workers-"
  machine_type   = "n2-custom-4-16384"
  region         = var.region
  can_ip_forward = false

  disk {
    source_image = "debian-cloud/debian-12"
    disk_type    = "pd-balanced"
    disk_size_gb = 100
    auto_delete  = true
    boot         = true

    disk_encryption_key {
      kms_key_self_link = google_kms_crypto_key.batch_key.id
    }
  }

  network_interface {
    subnetwork = google_compute_subnetwork.net_private[0].id
  }

  service_account {
    email  = google_service_account.workers_sa.email
    scopes = ["cloud-platform"]
  }

  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }

  metadata = {
    block-project-ssh-keys = "true"
    enable-oslogin         = "TRUE"
    serial-port-enable     = "false"
  }
  labels = {
    autodeploy_resource = "workers"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "google_compute_region_instance_group_manager" "workers" {
  name               = "${var.name_prefix}-workers"
  region             = var.region
  base_instance_name = "${var.name-prefix}-workers"

  version {
    instance_template = google_compute_instance_template.workers.self_link_unique
  }
}

resource "google_compute_region_autoscaler" "workers" {
  name   = "${var.name_prefix}-workers"
  region = var.region
  target = google_compute_region_instance_group_manager.workers.id

  autoscaling_policy {
    min_replicas    = 2
    max_replicas    = 6
    cooldown_period = 60

    cpu_utilization {
      target = 0.6
    }
  }
}

resource "google_project_iam_member" "workers_catalog" {
  project = var.project
  role    = "roles/cloudsql.client"
  member  = "serviceAccount:${google_service_account.workers_sa.email}"

  condition {
    title      = "only catalog"
    expression = "resource.name.startsWith(\"projects/${var.project}/instances/${google_sql_database_instance.catalog.name}\")"
  }
}

resource "google_storage_bucket_iam_member" "workers_raw_objectuser" {
  bucket = google_storage_bucket.raw.name
  role   = "roles/storage.objectUser"
  member = "serviceAccount:${google_service_account.workers_sa.email}"
}

resource "google_project_iam_member" "workers_results" {
  project = var.project
  role    = "roles/datastore.user"
  member  = "serviceAccount:${google_service_account.workers_sa.email}"

  condition {
    title      = "only results"
    expression = "resource.name.startsWith(\"projects/${var.project}/databases/${google_firestore_database.results.name}\")"
  }
}

resource "google_pubsub_topic_iam_member" "notify_done_publisher" {
  topic  = google_pubsub_topic.done.name
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${google_service_account.notify_sa.email}"
}

resource "google_project_iam_member" "notify_results" {
  project = var.project
  role    = "roles/datastore.user"
  member  = "serviceAccount:${google_service_account.notify_sa.email}"

  condition {
    title      = "only results"
    expression = "resource.name.startsWith(\"projects/${var.project}/databases/${google_firestore_database.results.name}\")"
  }
}

resource "google_kms_crypto_key_iam_member" "batch_key_cloudsql_agent" {
  crypto_key_id = google_kms_crypto_key.batch_key.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:service-${data.google_project.current.number}@gcp-sa-cloud-sql.iam.gserviceaccount.com"
}

resource "google_kms_crypto_key_iam_member" "batch_key_compute_agent" {
  crypto_key_id = google_kms_crypto_key.batch_key.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:service-${data.google_project.current.number}@compute-system.iam.gserviceaccount.com"
}

resource "google_kms_crypto_key_iam_member" "batch_key_firestore_agent" {
  crypto_key_id = google_kms_crypto_key.batch_key.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:service-${data.google_project.current.number}@gcp-sa-firestore.iam.gserviceaccount.com"
}

resource "google_kms_crypto_key_iam_member" "batch_key_pubsub_agent" {
  crypto_key_id = google_kms_crypto_key.batch_key.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:service-${data.google_project.current.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_kms_crypto_key_iam_member" "batch_key_storage_agent" {
  crypto_key_id = google_kms_crypto_key.batch_key.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:${data.google_storage_project_service_account.gcs.email_address}"
}

output "batch_key_key_id" {
  description = "id of key batch_key"
  value       = google_kms_crypto_key.batch_key.id
}

output "done_topic" {
  description = "id of topic done"
  value       = google_pubsub_topic.done.id
}

output "net_network_id" {
  description = "id of network net"
  value       = google_compute_network.net.id
}

output "catalog_connection_name" {
  description = "connection name of database catalog"
  value       = google_sql_database_instance.catalog.connection_name
}

output "catalog_password" {
  description = "password of user app on catalog"
  value       = random_password.catalog_db.result
  sensitive   = true
}

output "raw_bucket_name" {
  description = "name of bucket raw"
  value       = google_storage_bucket.raw.name
}

output "results_database" {
  description = "Firestore database of table results"
  value       = google_firestore_database.results.name
}

output "notify_function" {
  description = "id of function notify"
  value       = google_cloudfunctions2_function.notify.id
}

output "trail_sink" {
  description = "audit log sink trail"
  value       = google_logging_project_sink.trail.id
}

output "workers_instance_group" {
  description = "instance group of vm workers"
  value       = google_compute_region_instance_group_manager.workers.instance_group
}
