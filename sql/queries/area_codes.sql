SELECT area_code FROM areas
