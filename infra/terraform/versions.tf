terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
  # State in S3 with locking; the bucket and table are created once by hand or a bootstrap stack.
  backend "s3" {
    key          = "sluice/terraform.tfstate"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      project     = "sluice"
      environment = var.environment
      managed_by  = "terraform"
    }
  }
}
