variable "region" {
  description = "AWS region of every resource."
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "dev or prod: names resources and picks sizes."
  type        = string
  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "environment must be dev or prod."
  }
}

variable "vpc_cidr" {
  description = "CIDR of the VPC; three private and three public subnets are carved from it."
  type        = string
  default     = "10.40.0.0/16"
}

variable "cluster_version" {
  description = "EKS Kubernetes version."
  type        = string
  default     = "1.32"
}

variable "node_instance_types" {
  description = "Instance types of the managed node group."
  type        = list(string)
  default     = ["m6i.xlarge"]
}

variable "node_count" {
  description = "Desired, minimum and maximum nodes."
  type        = object({ desired = number, min = number, max = number })
  default     = { desired = 3, min = 3, max = 8 }
}

variable "lake_retention_days" {
  description = "Days raw-zone objects stay before they expire (curated tables are kept)."
  type        = number
  default     = 90
}

variable "create_msk" {
  description = "Create an MSK cluster; false when Kafka runs in the cluster (Strimzi) or elsewhere."
  type        = bool
  default     = false
}

variable "msk_broker_instance_type" {
  description = "MSK broker size, when create_msk is true."
  type        = string
  default     = "kafka.m7g.large"
}
